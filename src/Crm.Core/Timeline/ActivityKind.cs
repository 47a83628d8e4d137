namespace Crm.Timeline;

/// <summary>What happened.</summary>
public enum ActivityKind
{
    /// <summary>A phone or video call.</summary>
    Call,

    /// <summary>An email.</summary>
    Email,

    /// <summary>A meeting.</summary>
    Meeting,

    /// <summary>A chat conversation.</summary>
    Chat,

    /// <summary>A visit (on site, in a shop).</summary>
    Visit,

    /// <summary>A note someone wrote down.</summary>
    Note,

    /// <summary>A task to do, with a due date and a status.</summary>
    Task,
}
