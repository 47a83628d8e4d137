using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>Commit hooks run in their documented order on every store, and a hook's refusal writes nothing of the commit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Commit_hooks_run_in_order_and_a_refusal_writes_nothing()
    {
        await InsertAsync(Person("Accepted"));
        Assert.Equal(["early:before", "late:before", "early:after", "late:after"], HookJournal.Lines);

        var session = Session();
        var innocent = session.Contacts.Create(Person("Innocent"));
        var refused = session.Contacts.Create(Person("Refused by hook"));
        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("kit.refused", refused.Data.Ref), (error.Code, error.Record));
        Assert.Null(await LoadAsync(innocent.Id));
        Assert.Single(await Session().ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
        Assert.Equal(1L, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
    }
}
