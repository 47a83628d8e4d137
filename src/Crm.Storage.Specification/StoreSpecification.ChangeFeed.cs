using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>Each changed record takes the next position of its tenant's feed, in commit order, without gaps.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Change_feed_positions_follow_commit_order_without_gaps()
    {
        var first = await InsertAsync(Person("First"));
        var session = Session();
        var second = session.Contacts.Create(Person("Second"));
        var third = session.Contacts.Create(Person("Third"));
        var summary = AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        var feed = await Session().ReadChangesAsync(0, 100, TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2L, 3L], feed.Select(e => e.Position));
        Assert.Equal(3, summary.Position);
        Assert.Equal(first.Ref, feed[0].Record);
        Assert.Equal(new[] { second.Id.Value, third.Id.Value }.Order().ToList(), feed.Skip(1).Select(e => e.Record.Id).Order().ToList());
        Assert.All(feed, e => Assert.Equal(ChangeKind.Upserted, e.Kind));
        Assert.All(feed, e => Assert.Equal(1, e.Version));
    }

    /// <summary>A delete leaves a tombstone with the record's last version.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Delete_leaves_a_tombstone_in_the_change_feed()
    {
        var inserted = await InsertAsync(Person("Tombstoned"));
        AssertCommitted(await DeleteAsync(inserted.Id));

        var last = (await Session().ReadChangesAsync(1, 100, TestContext.Current.CancellationToken)).Single();

        Assert.Equal(ChangeKind.Deleted, last.Kind);
        Assert.Equal(inserted.Ref, last.Record);
        Assert.Equal(1, last.Version);
        Assert.Equal(2, last.Position);
    }

    /// <summary>Reading after a position returns only later entries, at most the count asked for.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reading_the_change_feed_after_a_position_returns_only_later_changes()
    {
        for (var i = 0; i < 5; i++)
        {
            await InsertAsync(Person($"Feed {i}"));
        }

        var page = await Session().ReadChangesAsync(2, 2, TestContext.Current.CancellationToken);
        var rest = await Session().ReadChangesAsync(4, 100, TestContext.Current.CancellationToken);
        var beyond = await Session().ReadChangesAsync(5, 100, TestContext.Current.CancellationToken);

        Assert.Equal([3L, 4L], page.Select(e => e.Position));
        Assert.Equal([5L], rest.Select(e => e.Position));
        Assert.Empty(beyond);
    }

    /// <summary>Each tenant has its own feed starting at 1; neither sees the other's entries.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Change_feed_is_per_tenant()
    {
        var a = await InsertAsync(Person("A"), TenantA);
        await InsertAsync(Person("A2"), TenantA);
        var b = await InsertAsync(Person("B"), TenantB);

        var feedA = await Session(TenantA).ReadChangesAsync(0, 100, TestContext.Current.CancellationToken);
        var feedB = await Session(TenantB).ReadChangesAsync(0, 100, TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2L], feedA.Select(e => e.Position));
        Assert.Equal(a.Ref, feedA[0].Record);
        Assert.Equal(b.Ref, Assert.Single(feedB).Record);
        Assert.Equal(1, feedB[0].Position);
    }
}
