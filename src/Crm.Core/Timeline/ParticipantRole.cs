namespace Crm.Timeline;

/// <summary>How a participant took part in an activity.</summary>
public enum ParticipantRole
{
    /// <summary>Sent it or called.</summary>
    From,

    /// <summary>Received it or was called.</summary>
    To,

    /// <summary>Received a copy.</summary>
    Cc,

    /// <summary>Organised the meeting.</summary>
    Organizer,

    /// <summary>Attended.</summary>
    Attendee,
}
