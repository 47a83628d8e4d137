namespace Crm.Timeline;

/// <summary>Who started an interaction.</summary>
public enum ActivityDirection
{
    /// <summary>Not an interaction (a note, a task) or not known.</summary>
    None,

    /// <summary>The customer reached out.</summary>
    Inbound,

    /// <summary>The tenant reached out.</summary>
    Outbound,
}
