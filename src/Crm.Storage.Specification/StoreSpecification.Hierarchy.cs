using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>Parent links are stored and queryable; ancestors and descendants follow them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Account_hierarchy_links_ancestors_and_descendants()
    {
        var session = Session();
        var holding = session.Accounts.Create(new AccountDraft { Name = "Holding" });
        var europe = session.Accounts.Create(new AccountDraft { Name = "Europe" });
        var germany = session.Accounts.Create(new AccountDraft { Name = "Germany" });
        var asia = session.Accounts.Create(new AccountDraft { Name = "Asia" });
        europe.SetParent(holding.Id);
        germany.SetParent(europe.Id);
        asia.SetParent(holding.Id);
        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        var reader = Session();
        Assert.Equal(["Europe", "Holding"], (await reader.Accounts.GetAncestorsAsync(germany.Id, TestContext.Current.CancellationToken)).Select(a => a.Name));
        Assert.Equal(["Asia", "Europe", "Germany"], (await reader.Accounts.GetDescendantsAsync(holding.Id, TestContext.Current.CancellationToken)).Select(a => a.Name).Order(StringComparer.Ordinal));
        Assert.Equal(europe.Id, (await reader.Accounts.FindAsync(germany.Id, TestContext.Current.CancellationToken))!.Data.ParentAccountId);
    }

    /// <summary>A parent link that would loop (to itself, to a descendant, or within one commit) is refused and nothing is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Hierarchy_cycles_are_refused_inside_the_commit()
    {
        var setup = Session();
        var top = setup.Accounts.Create(new AccountDraft { Name = "Top" });
        var middle = setup.Accounts.Create(new AccountDraft { Name = "Middle" });
        var bottom = setup.Accounts.Create(new AccountDraft { Name = "Bottom" });
        var loose = setup.Accounts.Create(new AccountDraft { Name = "Loose" });
        middle.SetParent(top.Id);
        bottom.SetParent(middle.Id);
        AssertCommitted(await setup.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        async Task<CrmResult<Sessions.CommitSummary>> Try(Action<Sessions.CrmSession> change)
        {
            var session = Session();
            await session.Accounts.FindAsync(top.Id, TestContext.Current.CancellationToken);
            await session.Accounts.FindAsync(bottom.Id, TestContext.Current.CancellationToken);
            await session.Accounts.FindAsync(loose.Id, TestContext.Current.CancellationToken);
            change(session);
            return await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        var underDescendant = await Try(s => s.Accounts.Tracked.Single(a => a.Id == top.Id).SetParent(bottom.Id));
        var underItself = await Try(s => s.Accounts.Tracked.Single(a => a.Id == loose.Id).SetParent(loose.Id));
        var loopInOneCommit = await Try(s =>
        {
            var newcomer = s.Accounts.Create(new AccountDraft { Name = "Newcomer" });
            newcomer.SetParent(loose.Id);
            s.Accounts.Tracked.Single(a => a.Id == loose.Id).SetParent(newcomer.Id);
        });

        foreach (var result in new[] { underDescendant, underItself, loopInOneCommit })
        {
            Assert.Contains(result.Errors, e => e.Code == CrmErrorCodes.HierarchyCycle);
        }

        var stored = Session();
        Assert.Null((await stored.Accounts.FindAsync(top.Id, TestContext.Current.CancellationToken))!.Data.ParentAccountId);
        Assert.Null((await stored.Accounts.FindAsync(loose.Id, TestContext.Current.CancellationToken))!.Data.ParentAccountId);
        Assert.Equal(1L, (await stored.Accounts.CountAsync(Querying.Filter.Equal("name", "Loose"), TestContext.Current.CancellationToken)).Value);
        Assert.Equal(0L, (await stored.Accounts.CountAsync(Querying.Filter.Equal("name", "Newcomer"), TestContext.Current.CancellationToken)).Value);
    }

    /// <summary>Two writers held at a barrier each link one account under the other: together they would close a cycle, so exactly one commit succeeds.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Concurrent_links_that_would_close_a_cycle_let_exactly_one_commit()
    {
        var setup = Session();
        var left = setup.Accounts.Create(new AccountDraft { Name = "Left" });
        var right = setup.Accounts.Create(new AccountDraft { Name = "Right" });
        AssertCommitted(await setup.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        var first = Session();
        var second = Session();
        (await first.Accounts.FindAsync(left.Id, TestContext.Current.CancellationToken))!.SetParent(right.Id);
        (await second.Accounts.FindAsync(right.Id, TestContext.Current.CancellationToken))!.SetParent(left.Id);
        var ready = 0;
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<CrmResult<Sessions.CommitSummary>> CommitAtBarrier(Sessions.CrmSession session)
        {
            if (Interlocked.Increment(ref ready) == 2)
            {
                barrier.SetResult();
            }

            await barrier.Task;
            return await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        }

        var results = await Task.WhenAll(
            Task.Run(() => CommitAtBarrier(first), TestContext.Current.CancellationToken),
            Task.Run(() => CommitAtBarrier(second), TestContext.Current.CancellationToken));

        Assert.Equal(1, results.Count(r => r.IsSuccess));
        Assert.Equal(CrmErrorCodes.HierarchyCycle, Assert.Single(results.Single(r => !r.IsSuccess).Errors).Code);
    }
}
