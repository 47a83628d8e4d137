using Crm.Customers;
using Crm.Events;
using NodaTime;

namespace Crm.Timeline;

/// <summary>
/// Something that happened between the tenant and a customer, or a task to do: a call, email,
/// meeting, chat, visit, note or task, shown on the timeline of every record it links to or names
/// as a participant. Log one with <c>session.Activities.Log(draft)</c>. Its body is a separate
/// record deleted with it; links to records are not checked, so an activity outlives a deleted
/// contact as history.
/// </summary>
public sealed class Activity : AggregateRoot<ActivityData>
{
    /// <summary>Wraps stored data.</summary>
    /// <param name="data">The data.</param>
    public Activity(ActivityData data)
        : base(data)
    {
    }

    /// <summary>The id.</summary>
    public ActivityId Id => Data.Id;

    /// <summary>Creates a new, uncommitted activity (without its body; the set stores that); its first commit raises <see cref="ActivityLogged"/>.</summary>
    /// <param name="id">The new id.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The caller's data.</param>
    /// <param name="now">The creation time (also the default <see cref="ActivityData.OccurredAt"/>).</param>
    /// <returns>The activity.</returns>
    public static Activity Create(ActivityId id, TenantId tenant, ActivityDraft draft, Instant now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var status = draft.Status ?? (draft.Kind == ActivityKind.Task ? ActivityStatus.Open : ActivityStatus.Completed);
        return new Activity(new ActivityData
        {
            Id = id,
            TenantId = tenant,
            CreatedAt = now.ToMicroseconds(),
            UpdatedAt = now.ToMicroseconds(),
            OwnerId = draft.OwnerId,
            Kind = draft.Kind,
            Subject = draft.Subject,
            OccurredAt = (draft.OccurredAt ?? now).ToMicroseconds(),
            Direction = draft.Direction,
            Channel = draft.Channel,
            Duration = draft.Duration is { } duration ? duration - Duration.FromNanoseconds(duration.SubsecondNanoseconds % 1000) : null,
            Participants = draft.Participants is null || draft.Participants.Count == 0 ? [] : [.. draft.Participants],
            Links = draft.Links is null || draft.Links.Count == 0 ? [] : [.. draft.Links.Distinct()],
            Status = status,
            DueAt = draft.DueAt?.ToMicroseconds(),
            RemindAt = draft.RemindAt?.ToMicroseconds(),
            CompletedAt = status == ActivityStatus.Completed && draft.Kind == ActivityKind.Task ? now.ToMicroseconds() : null,
        });
    }

    /// <summary>Marks the activity done.</summary>
    /// <param name="at">When it was done.</param>
    public void Complete(Instant at) => Change(Data with { Status = ActivityStatus.Completed, CompletedAt = at.ToMicroseconds() });

    /// <summary>Marks the activity as not going to happen.</summary>
    public void Cancel() => Change(Data with { Status = ActivityStatus.Cancelled, CompletedAt = null });

    /// <summary>Opens a completed or cancelled activity again.</summary>
    public void Reopen() => Change(Data with { Status = ActivityStatus.Open, CompletedAt = null });

    /// <summary>Changes when a task is due and when to remind.</summary>
    /// <param name="dueAt">The due time, or <see langword="null"/>.</param>
    /// <param name="remindAt">The reminder time, or <see langword="null"/>.</param>
    public void Reschedule(Instant? dueAt, Instant? remindAt) => Change(Data with { DueAt = dueAt?.ToMicroseconds(), RemindAt = remindAt?.ToMicroseconds() });

    /// <summary>Changes the subject.</summary>
    /// <param name="subject">The subject.</param>
    public void SetSubject(string subject) => Change(Data with { Subject = subject });

    /// <summary>Links the activity to another record (it then shows on that record's timeline).</summary>
    /// <param name="record">The record.</param>
    public void Link(RecordRef record)
    {
        if (!Data.Links.Contains(record))
        {
            Change(Data with { Links = [.. Data.Links, record] });
        }
    }

    /// <summary>Removes a link.</summary>
    /// <param name="record">The record.</param>
    /// <returns>Whether it was linked.</returns>
    public bool Unlink(RecordRef record)
    {
        if (!Data.Links.Contains(record))
        {
            return false;
        }

        Change(Data with { Links = [.. Data.Links.Where(r => r != record)] });
        return true;
    }

    /// <summary>Records the body's length and preview (the set keeps them in step with the body record).</summary>
    internal void DescribeBody(string? text) => Change(Data with
    {
        BodyLength = text?.Length ?? 0,
        BodyPreview = string.IsNullOrEmpty(text) ? null : text.Length <= ActivityData.PreviewLength ? text
            : text[..(char.IsHighSurrogate(text[ActivityData.PreviewLength - 1]) ? ActivityData.PreviewLength - 1 : ActivityData.PreviewLength)],
    });

    /// <inheritdoc />
    protected internal override IDomainEvent CreatedEvent() => new ActivityLogged(Id, Data.Kind);

    /// <inheritdoc />
    protected internal override IDomainEvent UpdatedEvent() => new ActivityUpdated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent DeletedEvent() => new ActivityDeleted(Id);
}
