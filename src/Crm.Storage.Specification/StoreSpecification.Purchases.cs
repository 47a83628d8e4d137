using Crm.Customers;
using Crm.Purchases;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>
    /// Upserting an ERP order by its keys is idempotent: the same order twice is written once
    /// (version 1, one change feed entry, the second upsert reports it unchanged); a changed order
    /// replaces it (version 2); the same order number from another source is another purchase.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Purchase_upserts_by_erp_keys_are_idempotent()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var account = await InsertAccountAsync("Buyer");
        var order = Order(account.Id, "SO-1", 10m, 20m);

        async Task<(PurchaseUpsert Upsert, Sessions.CommitSummary Summary)> UpsertAsync(PurchaseDraft draft)
        {
            var session = Session();
            var upsert = await session.Purchases.UpsertAsync(draft, cancellation);
            return (upsert, AssertCommitted(await session.CommitAsync(cancellationToken: cancellation)));
        }

        var first = await UpsertAsync(order);
        var again = await UpsertAsync(order with { Lines = [.. order.Lines.Reverse()] });
        Assert.Equal(PurchaseUpsertOutcome.Created, first.Upsert.Outcome);
        Assert.Equal(PurchaseUpsertOutcome.Unchanged, again.Upsert.Outcome);
        Assert.Empty(again.Summary.Written);
        Assert.Equal(1, again.Upsert.Purchase.Version);
        Assert.Equal(Money.Of(30m, "EUR"), again.Upsert.Purchase.Data.Total);

        var changed = await UpsertAsync(Order(account.Id, "SO-1", 10m, 25m));
        Assert.Equal(PurchaseUpsertOutcome.Updated, changed.Upsert.Outcome);
        Assert.Equal(2, changed.Upsert.Purchase.Version);
        Assert.Equal(Money.Of(35m, "EUR"), changed.Upsert.Purchase.Data.Total);

        var otherSource = await UpsertAsync(order with { Source = "shop" });
        Assert.Equal(PurchaseUpsertOutcome.Created, otherSource.Upsert.Outcome);

        var feed = await Session().ReadChangesAsync(0, 100, cancellation);
        Assert.Equal(3, feed.Count(e => e.Record.EntityType == EntityTypes.Purchase));
        Assert.Equal(2, (await Session().Purchases.CountAsync(cancellationToken: cancellation)).Value);
        Assert.Equal(first.Upsert.Purchase.Id, (await Session().Purchases.FindByAlternateKeyAsync("erp", "SO-1", cancellation))!.Id);
    }

    /// <summary>Writers held at a barrier upsert the same new order: exactly one creates it, the others get a duplicate key and, retrying, find it unchanged.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Concurrent_upserts_of_one_new_order_create_it_once()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var account = await InsertAccountAsync("Buyer");
        var order = Order(account.Id, "SO-RACE", 5m);
        var writers = ConcurrentWriters;
        var ready = 0;
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task<(PurchaseUpsertOutcome First, CrmResult<Sessions.CommitSummary> Result, PurchaseUpsertOutcome Retry)> WriteAsync()
        {
            var session = Session();
            var upsert = await session.Purchases.UpsertAsync(order, cancellation);
            if (Interlocked.Increment(ref ready) == writers)
            {
                barrier.SetResult();
            }

            await barrier.Task;
            var result = await session.CommitAsync(cancellationToken: cancellation);
            var retry = await Session().Purchases.UpsertAsync(order, cancellation);
            return (upsert.Outcome, result, retry.Outcome);
        }

        var results = await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(WriteAsync, cancellation)));

        Assert.All(results, r => Assert.Equal(PurchaseUpsertOutcome.Created, r.First));
        Assert.Single(results, r => r.Result.IsSuccess);
        Assert.All(results.Where(r => !r.Result.IsSuccess), r => Assert.Equal(CrmErrorCodes.DuplicateKey, Assert.Single(r.Result.Errors).Code));
        Assert.All(results, r => Assert.Equal(PurchaseUpsertOutcome.Unchanged, r.Retry));
        Assert.Equal(1, (await Session().Purchases.CountAsync(cancellationToken: cancellation)).Value);
    }

    /// <summary>A purchase needs an existing buyer and one currency; an account or contact with purchases cannot be deleted.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Purchases_need_a_buyer_and_keep_it()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var account = await InsertAccountAsync("Buyer");
        var session = Session();
        await session.Purchases.UpsertAsync(Order(AccountId.FromGuid(Guid.CreateVersion7()), "SO-GHOST", 1m), cancellation);
        await session.Purchases.UpsertAsync(Order(account.Id, "SO-MIXED", 1m) with
        {
            Lines = [new PurchaseLine(1, "A", 1m, Money.Of(1m, "EUR")), new PurchaseLine(2, "B", 1m, Money.Of(1m, "USD"))],
        }, cancellation);
        var refused = await session.CommitAsync(cancellationToken: cancellation);
        Assert.Equal(
            [(CrmErrorCodes.CurrencyMismatch, "lines[1].amount"), (CrmErrorCodes.ReferenceNotFound, "accountId")],
            refused.Errors.Select(e => (e.Code, e.Path)).Order());

        var valid = Session();
        await valid.Purchases.UpsertAsync(Order(account.Id, "SO-OK", 1m), cancellation);
        AssertCommitted(await valid.CommitAsync(cancellationToken: cancellation));
        var delete = Session();
        delete.Accounts.Remove((await delete.Accounts.FindAsync(account.Id, cancellation))!);
        var error = Assert.Single((await delete.CommitAsync(cancellationToken: cancellation)).Errors);
        Assert.Equal(CrmErrorCodes.DeleteRefused, error.Code);
        Assert.Contains("1 purchase(s)", error.Message, StringComparison.Ordinal);
    }

    /// <summary>An ERP order of the kit: one line per amount, in euros.</summary>
    /// <param name="account">The buyer.</param>
    /// <param name="number">The order number.</param>
    /// <param name="amounts">The line amounts.</param>
    /// <returns>The draft.</returns>
    protected PurchaseDraft Order(AccountId account, string number, params decimal[] amounts) => new()
    {
        Source = "erp",
        OrderNumber = number,
        OrderedOn = Clock.GetCurrentInstant().InUtc().Date,
        AccountId = account,
        Lines = [.. amounts.Select((a, i) => new PurchaseLine(i + 1, $"P-{i + 1}", 1m, Money.Of(a, "EUR")))],
    };
}
