namespace Crm.Timeline;

/// <summary>Whether an activity is still to do.</summary>
public enum ActivityStatus
{
    /// <summary>Still to do (an open task, a planned meeting).</summary>
    Open,

    /// <summary>Done (every logged call, email or note is done when logged).</summary>
    Completed,

    /// <summary>Will not be done.</summary>
    Cancelled,
}
