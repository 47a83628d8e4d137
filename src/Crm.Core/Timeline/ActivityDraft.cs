using NodaTime;

namespace Crm.Timeline;

/// <summary>An activity to log, for <c>session.Activities.Log</c>. Validated on commit.</summary>
public sealed record ActivityDraft
{
    /// <summary>What happened.</summary>
    public required ActivityKind Kind { get; init; }

    /// <summary>A one-line subject (up to 200 characters).</summary>
    public required string Subject { get; init; }

    /// <summary>When it happened, or for a task when it was set; the timeline's order. Defaults to now.</summary>
    public Instant? OccurredAt { get; init; }

    /// <summary>Who started it.</summary>
    public ActivityDirection Direction { get; init; }

    /// <summary>The channel or tool (<c>phone</c>, <c>teams</c>, <c>whatsapp</c>), if useful.</summary>
    public string? Channel { get; init; }

    /// <summary>How long it took (calls, meetings).</summary>
    public Duration? Duration { get; init; }

    /// <summary>The participants.</summary>
    public IReadOnlyList<ActivityParticipant>? Participants { get; init; }

    /// <summary>The records it concerns (accounts, contacts, later opportunities or cases); it shows on each one's timeline.</summary>
    public IReadOnlyList<RecordRef>? Links { get; init; }

    /// <summary>The status; defaults to <see cref="ActivityStatus.Open"/> for tasks and <see cref="ActivityStatus.Completed"/> otherwise.</summary>
    public ActivityStatus? Status { get; init; }

    /// <summary>When a task is due.</summary>
    public Instant? DueAt { get; init; }

    /// <summary>When to remind the owner.</summary>
    public Instant? RemindAt { get; init; }

    /// <summary>The full text (an email body, meeting minutes), stored apart from the timeline's list data.</summary>
    public string? Body { get; init; }

    /// <summary>The body's media type: <c>text/plain</c> (default) or <c>text/html</c>.</summary>
    public string BodyContentType { get; init; } = ActivityBodyData.PlainText;

    /// <summary>The owner (who did it or must do it).</summary>
    public UserId? OwnerId { get; init; }
}
