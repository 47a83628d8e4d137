using System.Globalization;
using Crm.Purchases;
using Crm.Segmentation;
using Crm.Storage.InMemory;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// RFM and tiers through each store (SQL set operations on SQLite and PostgreSQL, the scanning
/// fallback in memory) against <see cref="Rfm.Score{TKey}"/> and <see cref="Tiers.Assign{TKey}(IEnumerable{CustomerPurchase{TKey}}, TierOptions)"/>
/// over the same purchases: amounts at scales 0 to 4, refunds, zeros, equal revenues and equal last
/// days (ties), purchases without an account, and another tenant's purchases of the same accounts.
/// </summary>
public sealed class CustomerValueDifferentialTests
{
    private static readonly TenantId Tenant = new("value");
    private static readonly TenantId Other = new("value-other");
    private static readonly LocalDate AsOf = new(2026, 11, 27);
    private static readonly IClock Clock = new NodaTime.Testing.FakeClock(Instant.FromUtc(2026, 11, 27, 12, 0));

    public static TheoryData<StoreKind, int> Cases() => new()
    {
        { StoreKind.InMemory, 1 }, { StoreKind.InMemory, 2 },
        { StoreKind.Sqlite, 1 }, { StoreKind.Sqlite, 2 }, { StoreKind.Sqlite, 3 },
        { StoreKind.Postgres, 1 }, { StoreKind.Postgres, 2 }, { StoreKind.Postgres, 3 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_store_scores_and_tiers_as_the_in_memory_analyses(StoreKind kind, int seed)
    {
        var random = new Random(seed);
        var purchases = Generate(random, Tenant, accounts: 300, count: 2_000);
        var rfm = new RfmOptions { AsOf = AsOf, Bins = new[] { 5, 3, 10 }[seed % 3], RecencyWeight = seed, FrequencyWeight = 1m, MonetaryWeight = 0.5m * seed };
        var tiers = seed == 2 ? new TierOptions { AShare = 0.5m, BShare = 0.9m } : null;
        var input = Segmentation.Purchases.ByAccount(purchases, "EUR").ToList();
        var expectedScores = Rfm.Score(input, rfm).OrderBy(s => s.Customer).ToList();

        // Equal revenues rank by account id in a store: first appearance in account order says the same.
        var expectedTiers = Tiers.Assign(input.OrderBy(p => p.Customer), tiers);

        await using var store = await TestStore.CreateAsync(kind, Clock);
        await store.WriteAsync(purchases);
        await store.WriteAsync(Generate(new Random(seed + 100), Other, accounts: 300, count: 500, sameAccountsAs: purchases));
        var queries = CustomerValue.For(store.Store);
        Assert.Equal(kind != StoreKind.InMemory, queries is RelationalCrmStore);

        var scores = await queries.ScoreAccountsAsync(OperationContext.ForSystem(Tenant), "EUR", rfm, TestContext.Current.CancellationToken);
        Assert.Equal(expectedScores, scores);
        var assigned = await queries.AssignAccountTiersAsync(OperationContext.ForSystem(Tenant), "EUR", tiers, TestContext.Current.CancellationToken);
        Assert.Equal(expectedTiers, assigned);
        Assert.Contains(assigned, a => a.Tier == CustomerTier.B);
        Assert.Contains(assigned, a => a.Revenue <= 0m);
    }

    [Theory]
    [InlineData(StoreKind.InMemory)]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task A_purchase_in_another_currency_is_named_not_converted(StoreKind kind)
    {
        var purchases = Generate(new Random(5), Tenant, accounts: 20, count: 100);
        var usd = purchases[37] with { Total = new Money(12.5m, Currency.FromCode("USD")) };
        purchases[37] = usd;
        await using var store = await TestStore.CreateAsync(kind, Clock);
        await store.WriteAsync(purchases);
        var queries = CustomerValue.For(store.Store);
        var expected = $"Purchase {usd.Id} (erp {usd.OrderNumber}) is in USD, not EUR; convert it or leave it out.";
        var context = OperationContext.ForSystem(Tenant);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => queries.ScoreAccountsAsync(context, "EUR", new RfmOptions { AsOf = AsOf }, TestContext.Current.CancellationToken));
        Assert.Equal(expected, error.Message);
        error = await Assert.ThrowsAsync<InvalidOperationException>(() => queries.AssignAccountTiersAsync(context, "EUR", null, TestContext.Current.CancellationToken));
        Assert.Equal(expected, error.Message);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Sums_stay_exact_at_any_scale(StoreKind kind)
    {
        // One amount with 19 decimal places beside ordinary ones: running totals in 64-bit integers at that scale would overflow.
        var purchases = Generate(new Random(9), Tenant, accounts: 5, count: 10);
        purchases[0] = purchases[0] with { Total = new Money(123_456_789.0123456789012345678m, Currency.FromCode("EUR")) };
        await using var store = await TestStore.CreateAsync(kind, Clock);
        await store.WriteAsync(purchases);
        var input = Segmentation.Purchases.ByAccount(purchases, "EUR").ToList();
        var queries = CustomerValue.For(store.Store);
        var tiers = await queries.AssignAccountTiersAsync(OperationContext.ForSystem(Tenant), "EUR", null, TestContext.Current.CancellationToken);
        Assert.Equal(Tiers.Assign(input.OrderBy(p => p.Customer)), tiers);
        var scores = await queries.ScoreAccountsAsync(OperationContext.ForSystem(Tenant), "EUR", new RfmOptions { AsOf = AsOf }, TestContext.Current.CancellationToken);
        Assert.Equal(Rfm.Score(input, new RfmOptions { AsOf = AsOf }).OrderBy(s => s.Customer), scores);
    }

    private static List<PurchaseData> Generate(Random random, TenantId tenant, int accounts, int count, IReadOnlyList<PurchaseData>? sameAccountsAs = null)
    {
        var ids = sameAccountsAs?.Where(p => p.AccountId is not null).Select(p => p.AccountId!.Value).Distinct().ToArray()
            ?? [.. Enumerable.Range(0, accounts).Select(_ => AccountId.FromGuid(Guid.CreateVersion7()))];
        var eur = Currency.FromCode("EUR");
        var ties = new[] { 100m, 250.5m, 99.99m };
        var purchases = new List<PurchaseData>(count);
        for (var i = 0; i < count; i++)
        {
            // A few fixed amounts make equal revenues; scales 0 to 4 make equal numbers at different scales.
            var amount = random.Next(10) switch
            {
                0 => ties[random.Next(ties.Length)],
                1 => -random.Next(1, 5_000) / 100m,
                2 => 0m,
                3 => 100.00m,
                _ => Math.Round(random.Next(1, 10_000_000) / 1_000m, random.Next(5)),
            };
            var account = random.Next(25) == 0 ? (int?)null : random.Next(ids.Length);

            // The first accounts only get refunds and zeros: customers without revenue.
            amount = account < 3 ? -Math.Abs(amount) : amount;
            var number = "SO-" + i.ToString(CultureInfo.InvariantCulture);
            purchases.Add(new PurchaseData
            {
                Id = PurchaseId.FromGuid(Guid.CreateVersion7()),
                TenantId = tenant,
                Version = 1,
                Source = "erp",
                OrderNumber = number,
                AccountId = account is { } a ? ids[a] : null,
                OrderedOn = AsOf.PlusDays(-random.Next(60)),
                Lines = [new PurchaseLine(1, "P1", 1m, new Money(amount, eur))],
                Total = new Money(amount, eur),
                AlternateKeys = [new Customers.AlternateKey("erp", number)],
            });
        }

        return purchases;
    }
}
