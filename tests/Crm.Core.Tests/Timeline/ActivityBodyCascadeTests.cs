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
}
