using CsCheck;
using NodaTime;

namespace Crm.Segmentation.Tests;

public sealed class RfmTests
{
    private static readonly LocalDate AsOf = new(2026, 11, 26);

    private static CustomerPurchase<string> Buy(string customer, int daysAgo, decimal amount) => new(customer, AsOf.PlusDays(-daysAgo), amount);

    [Fact]
    public void Five_customers_with_distinct_measures_fill_the_five_bins()
    {
        // c1 bought most recently, most often and most: 5-5-5; c5 the opposite: 1-1-1.
        var purchases = Enumerable.Range(1, 5).SelectMany(c => Enumerable.Range(0, 6 - c).Select(o => Buy($"c{c}", (c * 10) + o, 100m / (6 - c) * (6 - c)))).ToList();
        var scores = Rfm.Score(purchases, new RfmOptions { AsOf = AsOf }).ToDictionary(s => s.Customer);
        Assert.Equal("5-5-5", scores["c1"].Code);
        Assert.Equal("4-4-4", scores["c2"].Code);
        Assert.Equal("1-1-1", scores["c5"].Code);
        Assert.Equal(10, scores["c1"].RecencyDays);
        Assert.Equal(5, scores["c1"].Frequency);
        Assert.Equal(500m, scores["c1"].Monetary);
        Assert.Equal(5m, scores["c1"].Score);
    }

    [Fact]
    public void Equal_values_share_a_bin()
    {
        var purchases = new[] { Buy("a", 1, 100m), Buy("b", 1, 100m), Buy("c", 1, 200m), Buy("d", 1, 300m) };
        var scores = Rfm.Score(purchases, new RfmOptions { AsOf = AsOf, Bins = 2 }).ToDictionary(s => s.Customer);
        Assert.Equal([1, 1, 2, 2], new[] { "a", "b", "c", "d" }.Select(c => scores[c].M));

        // Everyone bought on the same day: nobody is strictly worse, so all share the lowest bin.
        Assert.All(scores.Values, s => Assert.Equal(1, s.R));
    }

    [Fact]
    public void Weights_make_the_score_a_weighted_mean()
    {
        var purchases = new[] { Buy("a", 1, 10m), Buy("b", 100, 1_000m), Buy("b", 90, 1_000m) };
        var scores = Rfm.Score(purchases, new RfmOptions { AsOf = AsOf, Bins = 2, RecencyWeight = 3, FrequencyWeight = 0, MonetaryWeight = 1 }).ToDictionary(s => s.Customer);
        Assert.Equal("2-1-1", scores["a"].Code);
        Assert.Equal(1.75m, scores["a"].Score);
        Assert.Equal("1-2-2", scores["b"].Code);
        Assert.Equal(1.25m, scores["b"].Score);
    }

    [Fact]
    public void Scores_do_not_depend_on_input_order() =>
        Gen.Select(Gen.Int[0, 30], Gen.Int[0, 400], Gen.Int[0, 50]).Select(p => Buy($"c{p.Item1}", p.Item2, p.Item3)).Array[1, 200]
            .Select(purchases => (purchases, shuffled: purchases.OrderBy(p => p.Amount).ThenByDescending(p => p.OrderedOn).ToArray()))
            .Sample(pair =>
            {
                var options = new RfmOptions { AsOf = AsOf, Bins = 4 };
                var first = Rfm.Score(pair.purchases, options).OrderBy(s => s.Customer, StringComparer.Ordinal);
                var second = Rfm.Score(pair.shuffled, options).OrderBy(s => s.Customer, StringComparer.Ordinal);
                Assert.Equal(first, second);
            });

    [Theory]
    [InlineData(1, 1, 1, 1)]
    [InlineData(101, 1, 1, 1)]
    [InlineData(5, 0, 0, 0)]
    [InlineData(5, -1, 1, 1)]
    public void Bad_options_are_refused(int bins, int r, int f, int m) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Rfm.Score([Buy("a", 1, 1m)], new RfmOptions { AsOf = AsOf, Bins = bins, RecencyWeight = r, FrequencyWeight = f, MonetaryWeight = m }));
}

public sealed class TierTests
{
    private static readonly LocalDate Day = new(2026, 11, 26);

    [Fact]
    public void The_customer_that_crosses_a_share_is_still_inside_it()
    {
        var purchases = new[] { ("e", 5m), ("a", 50m), ("c", 10m), ("b", 30m), ("d", 5m) }.Select(p => new CustomerPurchase<string>(p.Item1, Day, p.Item2));
        var tiers = Tiers.Assign(purchases);
        Assert.Equal(["a", "b", "c", "e", "d"], tiers.Select(t => t.Customer));
        Assert.Equal([CustomerTier.A, CustomerTier.A, CustomerTier.B, CustomerTier.B, CustomerTier.C], tiers.Select(t => t.Tier));
        Assert.Equal([0.5m, 0.8m, 0.9m, 0.95m, 1m], tiers.Select(t => t.CumulativeShare));
    }

    [Fact]
    public void Customers_without_revenue_are_c_and_so_is_everyone_when_nobody_spent()
    {
        var tiers = Tiers.Assign(new[] { ("a", 0m), ("b", -5m), ("c", 10m) }.Select(p => new CustomerPurchase<string>(p.Item1, Day, p.Item2)));
        Assert.Equal([("c", CustomerTier.A), ("a", CustomerTier.C), ("b", CustomerTier.C)], tiers.Select(t => (t.Customer, t.Tier)));
        Assert.All(Tiers.Assign([new CustomerPurchase<string>("z", Day, 0m)]), t => Assert.Equal(CustomerTier.C, t.Tier));
    }

    [Fact]
    public void Tier_a_holds_at_least_its_share_and_would_not_without_its_last_customer() =>
        Gen.Select(Gen.Int[0, 40], Gen.Int[1, 1_000]).Select(p => new CustomerPurchase<int>(p.Item1, Day, p.Item2)).Array[1, 300].Sample(purchases =>
        {
            var tiers = Tiers.Assign(purchases, new TierOptions { AShare = 0.7m, BShare = 0.9m });
            var total = tiers.Sum(t => t.Revenue);
            var a = tiers.Where(t => t.Tier == CustomerTier.A).ToList();
            Assert.True(a.Sum(t => t.Revenue) >= 0.7m * total);
            Assert.True(a.Sum(t => t.Revenue) - a[^1].Revenue < 0.7m * total);
            Assert.Equal(tiers.OrderByDescending(t => t.Revenue).Select(t => t.Revenue), tiers.Select(t => t.Revenue));
        });

    [Fact]
    public void Shares_out_of_order_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tiers.Assign([new CustomerPurchase<int>(1, Day, 1m)], new TierOptions { AShare = 0.9m, BShare = 0.8m }));
}

public sealed class PurchaseInputTests
{
    private static Crm.Purchases.PurchaseData Purchase(Crm.AccountId? account, string currency, decimal amount) => new()
    {
        Id = Crm.PurchaseId.FromGuid(Guid.CreateVersion7()),
        TenantId = new Crm.TenantId("t"),
        Source = "erp",
        OrderNumber = "A-1",
        AccountId = account,
        OrderedOn = new LocalDate(2026, 1, 2),
        Total = Crm.Money.Of(amount, currency),
    };

    [Fact]
    public void Purchases_become_customer_purchases_by_account_and_a_foreign_currency_is_an_error()
    {
        var account = Crm.AccountId.FromGuid(Guid.CreateVersion7());
        var input = Purchases.ByAccount([Purchase(account, "EUR", 12.5m), Purchase(null, "EUR", 3m)], "EUR").ToList();
        Assert.Equal([new CustomerPurchase<Crm.AccountId>(account, new LocalDate(2026, 1, 2), 12.5m)], input);
        var error = Assert.Throws<InvalidOperationException>(() => Purchases.ByAccount([Purchase(account, "USD", 1m)], "EUR").ToList());
        Assert.Contains("is in USD, not EUR", error.Message, StringComparison.Ordinal);
    }
}
