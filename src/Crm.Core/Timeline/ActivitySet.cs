using Crm.Sessions;
using Crm.Storage.Querying;

namespace Crm.Timeline;

/// <summary>
/// The activity timeline of a session: log calls, emails, meetings, chats, visits, notes and
/// tasks; page a record's timeline newest first; read bodies on demand. Deleting an activity
/// (<see cref="AggregateSet{TAggregate, TData, TId}.Remove"/>) deletes its body in the same commit.
/// </summary>
public sealed class ActivitySet : AggregateSet<Activity, ActivityData, ActivityId>, ICascadingSet
{
    private readonly ActivityBodySet _bodies;

    internal ActivitySet(CrmSession session, ActivityBodySet bodies)
        : base(session)
    {
        _bodies = bodies;
    }

    /// <summary>Logs an activity (and its body, stored apart) to be inserted on commit.</summary>
    /// <param name="draft">The caller's data; validated on commit.</param>
    /// <returns>The new activity.</returns>
    public Activity Log(ActivityDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var activity = Activity.Create(ActivityId.FromGuid(Session.NewId()), Session.Context.Tenant, draft, Session.Now);
        if (!string.IsNullOrEmpty(draft.Body))
        {
            _bodies.Add(NewBody(activity, draft.Body, draft.BodyContentType));
            activity.DescribeBody(draft.Body);
        }

        Add(activity);
        return activity;
    }

    /// <summary>
    /// One page of a record's timeline, newest first (by <see cref="ActivityData.OccurredAt"/>, then id):
    /// the activities linked to the record or naming it as a participant. Keyset-paged: pass the
    /// previous page's cursor for the next page; new activities do not shift later pages.
    /// </summary>
    /// <param name="record">The record (an account, a contact, ...).</param>
    /// <param name="pageSize">Activities per page (1–1,000).</param>
    /// <param name="cursor">The previous page's <c>NextCursor</c>, or <see langword="null"/> for the newest.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page, or the cursor's error.</returns>
    public Task<CrmResult<Page<Activity>>> GetTimelineAsync(RecordRef record, int pageSize = 20, string? cursor = null, CancellationToken cancellationToken = default) =>
        QueryAsync(new RecordQuery { Filter = Filter.Equal("records", record.ToString()), Sort = [SortKey.Descending("occurredAt")], PageSize = pageSize, Cursor = cursor }, cancellationToken);

    /// <summary>One page of a record's open tasks, by due time (tasks without one first, as nulls sort first).</summary>
    /// <param name="record">The record.</param>
    /// <param name="pageSize">Tasks per page (1–1,000).</param>
    /// <param name="cursor">The previous page's cursor, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page, or the cursor's error.</returns>
    public Task<CrmResult<Page<Activity>>> GetOpenTasksAsync(RecordRef record, int pageSize = 20, string? cursor = null, CancellationToken cancellationToken = default) =>
        QueryAsync(new RecordQuery { Filter = Filter.Equal("openTaskRecords", record.ToString()), Sort = [SortKey.Ascending("dueAt")], PageSize = pageSize, Cursor = cursor }, cancellationToken);

    /// <summary>
    /// The reminders a user must see by a time: open activities they own whose <see cref="ActivityData.RemindAt"/>
    /// is at or before <paramref name="until"/>, earliest first. A host's scheduler calls it (e.g.
    /// every minute with now) and notifies the owner; clear or move the reminder with
    /// <see cref="Activity.Reschedule"/> once shown.
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <param name="until">The latest reminder time to include.</param>
    /// <param name="pageSize">Reminders per page (1–1,000).</param>
    /// <param name="cursor">The previous page's cursor, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page, or the cursor's error.</returns>
    public Task<CrmResult<Page<Activity>>> GetDueRemindersAsync(UserId owner, NodaTime.Instant until, int pageSize = 100, string? cursor = null, CancellationToken cancellationToken = default) =>
        owner.Value is null ? throw new ArgumentException("The owner is required.", nameof(owner)) : QueryAsync(
            new RecordQuery
            {
                Filter = Filter.Equal("reminderOwner", owner.Value) & Filter.LessThanOrEqual("remindAt", until),
                Sort = [SortKey.Ascending("remindAt")],
                PageSize = pageSize,
                Cursor = cursor,
            },
            cancellationToken);

    /// <summary>Reads an activity's body.</summary>
    /// <param name="id">The activity.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The body, or <see langword="null"/> when the activity has none.</returns>
    public async Task<ActivityBodyData?> GetBodyAsync(ActivityId id, CancellationToken cancellationToken = default) =>
        (await _bodies.FindAsync(id, cancellationToken).ConfigureAwait(false))?.Data;

    /// <summary>Sets, replaces or (with <see langword="null"/>) removes an activity's body; the activity's preview follows. Written on commit.</summary>
    /// <param name="activity">The activity, tracked by this session.</param>
    /// <param name="text">The body, or <see langword="null"/>.</param>
    /// <param name="contentType"><see cref="ActivityBodyData.PlainText"/> or <see cref="ActivityBodyData.Html"/>.</param>
    /// <param name="cancellationToken">Cancels the read of the current body.</param>
    /// <returns>A task that completes when the change is staged.</returns>
    public async Task SetBodyAsync(Activity activity, string? text, string contentType = ActivityBodyData.PlainText, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(activity);
        if (!Tracks(activity))
        {
            throw new ArgumentException($"{activity.Data.Ref} is not tracked by this session; load it with FindAsync or log it first.", nameof(activity));
        }

        if (text is { Length: 0 })
        {
            text = null; // an empty body is no body: BodyLength 0 must mean there is none to read
        }

        // A body removed earlier in this session is still tracked: setting text again takes it back.
        var body = _bodies.TrackedOrNull(activity.Id.Value) ?? await _bodies.FindAsync(activity.Id, cancellationToken).ConfigureAwait(false);
        if (text is null)
        {
            if (body is not null && await _bodies.FindAsync(activity.Id, cancellationToken).ConfigureAwait(false) is not null)
            {
                _bodies.Remove(body);
            }
        }
        else if (body is null)
        {
            _bodies.Add(NewBody(activity, text, contentType));
        }
        else
        {
            _bodies.Restore(body);
            body.Replace(text, contentType);
        }

        activity.DescribeBody(text);
    }

    async Task ICascadingSet.CascadeDeletesAsync(CancellationToken cancellationToken)
    {
        // A removed stored activity takes its body along, whether the body is stored, was set in this
        // session, or both.
        foreach (var activity in Removed.ToList())
        {
            if (await _bodies.FindAsync(activity.Id, cancellationToken).ConfigureAwait(false) is { } body)
            {
                _bodies.Remove(body);
            }
        }

        // A new body whose activity is no longer tracked (a new activity removed before its first
        // commit) has nothing to belong to.
        var tracked = Tracked.Select(a => a.Id).ToHashSet();
        foreach (var orphan in _bodies.Tracked.Where(b => b.IsNew && !tracked.Contains(b.Data.Id)).ToList())
        {
            _bodies.Remove(orphan);
        }
    }

    /// <inheritdoc />
    protected override Activity Wrap(ActivityData data) => new(data);

    private ActivityBody NewBody(Activity activity, string text, string contentType) => new(new ActivityBodyData
    {
        Id = activity.Id,
        TenantId = Session.Context.Tenant,
        Text = text,
        ContentType = contentType,
    });
}
