using Crm.Hooks;
using Crm.Storage;
using Crm.Timeline;

namespace Crm.Core.Tests.Timeline;

/// <summary>However an activity leaves, its body leaves with it: nothing orphaned is ever written.</summary>
public sealed class ActivityBodyCascadeTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_body_set_in_the_session_goes_with_the_removed_activity()
    {
        await using var host = new TestHost();
        var setup = host.Session();
        var note = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Note, Subject = "No body yet" });
        Assert.True((await setup.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        var session = host.Session();
        var loaded = (await session.Activities.FindAsync(note.Id, Cancellation))!;
        await session.Activities.SetBodyAsync(loaded, "Written, then thrown away.", cancellationToken: Cancellation);
        session.Activities.Remove(loaded);
        var summary = (await session.CommitAsync(cancellationToken: Cancellation)).Value!;

        Assert.Equal([new RecordRef(EntityTypes.Activity, note.Id.Value)], summary.Written);
        Assert.Null(await host.Session().Activities.GetBodyAsync(note.Id, Cancellation));
    }

    [Fact]
    public async Task A_new_activity_removed_before_its_commit_writes_no_body()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var email = session.Activities.Log(new ActivityDraft { Kind = ActivityKind.Email, Subject = "Draft", Body = "Never sent." });
        session.Activities.Remove(email);

        var summary = (await session.CommitAsync(cancellationToken: Cancellation)).Value!;

        Assert.Empty(summary.Written);
        Assert.Empty(await host.Session().ReadChangesAsync(0, 10, Cancellation));
    }

    [Fact]
    public async Task A_body_cleared_and_set_again_in_one_session_is_replaced()
    {
        await using var host = new TestHost();
        var setup = host.Session();
        var email = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Email, Subject = "Offer", Body = "First text." });
        Assert.True((await setup.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        var session = host.Session();
        var loaded = (await session.Activities.FindAsync(email.Id, Cancellation))!;
        await session.Activities.SetBodyAsync(loaded, null, cancellationToken: Cancellation);
        await session.Activities.SetBodyAsync(loaded, "Second text.", cancellationToken: Cancellation);
        Assert.True((await session.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        Assert.Equal("Second text.", (await host.Session().Activities.GetBodyAsync(email.Id, Cancellation))!.Text);
        await Assert.ThrowsAsync<ArgumentException>(() => host.Session().Activities.SetBodyAsync(loaded, "Not tracked here.", cancellationToken: Cancellation));
    }

    [Fact]
    public async Task An_activity_removed_by_a_hook_takes_its_body_along()
    {
        await using var host = new TestHost(configureCrm: crm => crm.AddCommitHook<RemoveDoomedActivities>());
        var setup = host.Session();
        var email = setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Email, Subject = "Old mail", Body = "Body to go." });
        Assert.True((await setup.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        var session = host.Session();
        (await session.Activities.FindAsync(email.Id, Cancellation))!.Tag("doomed");
        Assert.True((await session.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        Assert.Null(await host.Session().Activities.FindAsync(email.Id, Cancellation));
        Assert.Null(await host.Session().Activities.GetBodyAsync(email.Id, Cancellation));
    }

    [Fact]
    public async Task An_empty_body_is_no_body()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var note = session.Activities.Log(new ActivityDraft { Kind = ActivityKind.Note, Subject = "Blank", Body = string.Empty });
        var email = session.Activities.Log(new ActivityDraft { Kind = ActivityKind.Email, Subject = "Cleared", Body = "Text." });
        await session.Activities.SetBodyAsync(email, string.Empty, cancellationToken: Cancellation);
        var summary = (await session.CommitAsync(cancellationToken: Cancellation)).Value!;

        Assert.All(summary.Written, r => Assert.Equal(EntityTypes.Activity, r.EntityType));
        Assert.Equal((0, null), (note.Data.BodyLength, note.Data.BodyPreview));
        Assert.Null(await host.Session().Activities.GetBodyAsync(email.Id, Cancellation));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Session().Activities.GetDueRemindersAsync(default, NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0), cancellationToken: Cancellation));
    }

    [Fact]
    public void The_preview_never_cuts_a_character_in_half()
    {
        var text = new string('a', ActivityData.PreviewLength - 1) + "\U0001F600 and more";
        var activity = Activity.Create(ActivityId.FromGuid(Guid.CreateVersion7()), TestHost.Tenant, new ActivityDraft { Kind = ActivityKind.Note, Subject = "Emoji" }, NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0));

        activity.DescribeBody(text);

        Assert.Equal(text[..(ActivityData.PreviewLength - 1)], activity.Data.BodyPreview);
    }

    private sealed class RemoveDoomedActivities : ICommitHook
    {
        public async ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
        {
            foreach (var change in context.Changes.Where(c => c.Data is ActivityData { Tags: ["doomed"] }))
            {
                var activity = (await context.Session.Activities.FindAsync(((ActivityData)change.Data).Id, cancellationToken))!;
                context.Session.Activities.Remove(activity);
            }
        }

        public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}

/// <summary>Records a post-operation hook adds are written before the commit's deletes.</summary>
public sealed class PostHookWriteOrderTests
{
    [Fact]
    public async Task A_note_a_post_hook_adds_is_written_before_the_delete_it_records()
    {
        await using var host = new TestHost(configureCrm: crm => crm.AddCommitHook<NoteDeletes>());
        var setup = host.Session();
        var contact = setup.Contacts.Create(new Crm.Customers.ContactDraft { LastName = "Leaving" });
        Assert.True((await setup.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var session = host.Session();
        session.Contacts.Remove((await session.Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken))!);
        var summary = (await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).Value!;

        Assert.Equal([EntityTypes.Activity, EntityTypes.Contact], summary.Written.Select(r => r.EntityType));
    }

    private sealed class NoteDeletes : Crm.Hooks.ICommitHook
    {
        public ValueTask BeforeValidationAsync(Crm.Hooks.CommitHookContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

        public ValueTask AfterValidationAsync(Crm.Hooks.CommitHookContext context, CancellationToken cancellationToken)
        {
            foreach (var deleted in context.Changes.Where(c => c.Kind == WriteKind.Delete && c.Data is Crm.Customers.ContactData).ToList())
            {
                context.Session.Activities.Log(new ActivityDraft { Kind = ActivityKind.Note, Subject = $"Deleted {deleted.Data.Ref}" });
            }

            return ValueTask.CompletedTask;
        }
    }
}
