using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>A commit retried with the same key (its first outcome unknown to the caller) applies once and reports the first result.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Retried_commit_with_the_same_idempotency_key_applies_once()
    {
        var draft = Person("Once") with { AlternateKeys = [new AlternateKey("importRow", "17")] };
        var first = Session();
        first.Contacts.Create(draft);
        var firstSummary = AssertCommitted(await first.CommitAsync("import-17", TestContext.Current.CancellationToken));

        var retry = Session();
        retry.Contacts.Create(draft);
        var retrySummary = AssertCommitted(await retry.CommitAsync("import-17", TestContext.Current.CancellationToken));

        Assert.False(firstSummary.Replayed);
        Assert.True(retrySummary.Replayed);
        Assert.Equal(firstSummary.Position, retrySummary.Position);
        Assert.Equal(1L, (await Session().Contacts.CountAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Single(await Session().ReadChangesAsync(0, 100, TestContext.Current.CancellationToken));
    }

    /// <summary>A commit that failed applied nothing, so its key stays free for the retry.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Failed_commit_does_not_use_up_its_idempotency_key()
    {
        await InsertAsync(Person("Holder") with { AlternateKeys = [new AlternateKey("erpNumber", "X")] });
        var failing = Session();
        failing.Contacts.Create(Person("Clash") with { AlternateKeys = [new AlternateKey("erpNumber", "X")] });
        Assert.False((await failing.CommitAsync("key-1", TestContext.Current.CancellationToken)).IsSuccess);

        var retry = Session();
        var contact = retry.Contacts.Create(Person("Fixed") with { AlternateKeys = [new AlternateKey("erpNumber", "Y")] });
        var summary = AssertCommitted(await retry.CommitAsync("key-1", TestContext.Current.CancellationToken));

        Assert.False(summary.Replayed);
        Assert.NotNull(await LoadAsync(contact.Id));
    }

    /// <summary>Idempotency keys belong to a tenant: the same key in another tenant is a different commit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Idempotency_keys_are_per_tenant()
    {
        var a = Session(TenantA);
        a.Contacts.Create(Person("A"));
        AssertCommitted(await a.CommitAsync("same-key", TestContext.Current.CancellationToken));
        var b = Session(TenantB);
        var contact = b.Contacts.Create(Person("B"));

        var summary = AssertCommitted(await b.CommitAsync("same-key", TestContext.Current.CancellationToken));

        Assert.False(summary.Replayed);
        Assert.NotNull(await LoadAsync(contact.Id, TenantB));
    }
}
