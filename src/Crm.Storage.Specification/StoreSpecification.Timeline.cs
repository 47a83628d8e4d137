using Crm.Customers;
using Crm.Timeline;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>
    /// A record's timeline pages newest first by keyset: every linked activity once, in
    /// (occurredAt descending, id) order including ties, nothing of other records, and a new
    /// activity logged between pages neither repeats nor skips anything on later pages.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Timeline_pages_newest_first_by_keyset()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var customer = await InsertAsync(Person("Timeline"));
        var other = await InsertAsync(Person("Other"));
        var start = Clock.GetCurrentInstant();
        var setup = Session();
        var expected = new List<ActivityData>();
        for (var i = 0; i < 45; i++)
        {
            // Every third activity shares its instant with the previous one: ties break by id.
            var at = start - Duration.FromMinutes(i - (i % 3 == 2 ? 1 : 0));
            expected.Add(setup.Activities.Log(new ActivityDraft { Kind = (ActivityKind)(i % 7), Subject = $"A{i}", OccurredAt = at, Links = [customer.Ref] }).Data);
            setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Note, Subject = $"Other {i}", OccurredAt = at, Links = [other.Ref] });
        }

        // Named as a participant (not linked): on the timeline too.
        expected.Add(setup.Activities.Log(new ActivityDraft
        {
            Kind = ActivityKind.Email,
            Subject = "Participant",
            OccurredAt = start - Duration.FromHours(2),
            Participants = [new ActivityParticipant(ParticipantRole.To, customer.Ref, "kit@example.com")],
        }).Data);
        AssertCommitted(await setup.CommitAsync(cancellationToken: cancellation));

        var order = expected.OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id.Value).Select(a => a.Subject).ToList();
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await Session().Activities.GetTimelineAsync(customer.Ref, 10, cursor, cancellation)).Value!;
            seen.AddRange(page.Items.Select(a => a.Data.Subject));
            cursor = page.NextCursor;
            if (++pages == 1)
            {
                var late = Session();
                late.Activities.Log(new ActivityDraft { Kind = ActivityKind.Call, Subject = "Newest", OccurredAt = start + Duration.FromMinutes(5), Links = [customer.Ref] });
                AssertCommitted(await late.CommitAsync(cancellationToken: cancellation));
            }
        }
        while (cursor is not null);

        Assert.Equal(5, pages);
        Assert.Equal(order, seen);
        Assert.Equal(["Newest", .. order[..9]], (await Session().Activities.GetTimelineAsync(customer.Ref, 10, null, cancellation)).Value!.Items.Select(a => a.Data.Subject));
    }

    /// <summary>Open tasks follow status changes (completing removes a task, reopening brings it back) and sort by due time.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Open_tasks_follow_status_changes()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var customer = await InsertAsync(Person("Tasks"));
        var now = Clock.GetCurrentInstant();
        var setup = Session();
        var late = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Late", DueAt = now + Duration.FromDays(3), Links = [customer.Ref] });
        var soon = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Soon", DueAt = now + Duration.FromDays(1), Links = [customer.Ref] });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Undated", Links = [customer.Ref] });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Call, Subject = "A call", Links = [customer.Ref] });
        AssertCommitted(await setup.CommitAsync(cancellationToken: cancellation));

        async Task<IEnumerable<string>> OpenTasks() =>
            (await Session().Activities.GetOpenTasksAsync(customer.Ref, 10, null, cancellation)).Value!.Items.Select(a => a.Data.Subject);

        Assert.Equal(["Undated", "Soon", "Late"], await OpenTasks());

        var complete = Session();
        (await complete.Activities.FindAsync(soon.Id, cancellation))!.Complete(now);
        AssertCommitted(await complete.CommitAsync(cancellationToken: cancellation));
        Assert.Equal(["Undated", "Late"], await OpenTasks());

        var change = Session();
        (await change.Activities.FindAsync(soon.Id, cancellation))!.Reopen();
        (await change.Activities.FindAsync(late.Id, cancellation))!.Reschedule(now, null);
        AssertCommitted(await change.CommitAsync(cancellationToken: cancellation));
        Assert.Equal(["Undated", "Late", "Soon"], await OpenTasks());
    }

    /// <summary>A body is stored apart: the timeline carries its length and preview, the full text loads on demand, and deleting the activity deletes the body in the same commit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Activity_bodies_are_stored_apart_and_deleted_with_the_activity()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var customer = await InsertAsync(Person("Body"));
        var body = string.Concat(Enumerable.Repeat("Minutes of the meeting. ", 20_000));
        var setup = Session();
        var meeting = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Meeting, Subject = "Kick-off", Body = body, Links = [customer.Ref] });
        AssertCommitted(await setup.CommitAsync(cancellationToken: cancellation));

        var listed = (await Session().Activities.GetTimelineAsync(customer.Ref, cancellationToken: cancellation)).Value!.Items.Single().Data;
        Assert.Equal(body.Length, listed.BodyLength);
        Assert.Equal(body[..ActivityData.PreviewLength], listed.BodyPreview);
        Assert.Equal(body, (await Session().Activities.GetBodyAsync(meeting.Id, cancellation))!.Text);

        var edit = Session();
        await edit.Activities.SetBodyAsync((await edit.Activities.FindAsync(meeting.Id, cancellation))!, "Short.", cancellationToken: cancellation);
        AssertCommitted(await edit.CommitAsync(cancellationToken: cancellation));
        Assert.Equal("Short.", (await Session().Activities.GetBodyAsync(meeting.Id, cancellation))!.Text);
        Assert.Equal(6, (await Session().Activities.FindAsync(meeting.Id, cancellation))!.Data.BodyLength);

        var delete = Session();
        delete.Activities.Remove((await delete.Activities.FindAsync(meeting.Id, cancellation))!);
        var deleted = AssertCommitted(await delete.CommitAsync(cancellationToken: cancellation));
        Assert.Null(await Session().Activities.GetBodyAsync(meeting.Id, cancellation));
        var feed = await Session().ReadChangesAsync(deleted.Position - deleted.Written.Count, 10, cancellation);
        Assert.Equal([EntityTypes.Activity, EntityTypes.ActivityBody], feed.Select(e => e.Record.EntityType).Order(StringComparer.Ordinal));
    }

    /// <summary>Due reminders: the owner's open activities whose reminder time has come, earliest first; completing one removes it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Due_reminders_list_open_activities_of_their_owner_earliest_first()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var now = Clock.GetCurrentInstant();
        var anna = new UserId("anna");
        var setup = Session();
        var later = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Call back", OwnerId = anna, RemindAt = now + Duration.FromHours(1) });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Meeting, Subject = "Prepare meeting", OwnerId = anna, Status = ActivityStatus.Open, RemindAt = now + Duration.FromMinutes(30) });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Done already", OwnerId = anna, Status = ActivityStatus.Completed, RemindAt = now });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Next week", OwnerId = anna, RemindAt = now + Duration.FromDays(7) });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "No reminder", OwnerId = anna });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Someone else's", OwnerId = new UserId("ben"), RemindAt = now });
        AssertCommitted(await setup.CommitAsync(cancellationToken: cancellation));

        async Task<IEnumerable<string>> Due() =>
            (await Session().Activities.GetDueRemindersAsync(anna, now + Duration.FromHours(1), cancellationToken: cancellation)).Value!.Items.Select(a => a.Data.Subject);

        Assert.Equal(["Prepare meeting", "Call back"], await Due());

        var complete = Session();
        (await complete.Activities.FindAsync(later.Id, cancellation))!.Complete(now);
        AssertCommitted(await complete.CommitAsync(cancellationToken: cancellation));
        Assert.Equal(["Prepare meeting"], await Due());
    }
}
