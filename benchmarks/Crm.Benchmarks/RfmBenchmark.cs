using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Purchases;
using Crm.Segmentation;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// RFM scores and A/B/C tiers for 1,000,000 customers over 2,000,000 purchases holding 10,000,000
/// purchase lines, in memory: Crm.Segmentation beside hand-written LINQ versions of the same
/// scores and tiers, checked equal in the setup.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class RfmBenchmark
{
    private const int Customers = 1_000_000;
    private const int PurchasesPerCustomer = 2;
    private static readonly LocalDate AsOf = new(2026, 11, 26);

    private PurchaseData[] _purchases = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        var tenant = new TenantId("bench");
        var accounts = Enumerable.Range(0, Customers).Select(_ => AccountId.FromGuid(Guid.CreateVersion7())).ToArray();
        _purchases = new PurchaseData[Customers * PurchasesPerCustomer];
        var now = SystemClock.Instance.GetCurrentInstant();
        for (var i = 0; i < _purchases.Length; i++)
        {
            _purchases[i] = GeneratedPurchases.Create(i, accounts[i % Customers], tenant, AsOf, now, random);
        }

        var sdk = Sdk().OrderBy(s => s.Customer).Select(s => (s.Customer, s.R, s.F, s.M)).ToList();
        var byHand = HandWritten().OrderBy(s => s.Customer).ToList();
        if (!sdk.SequenceEqual(byHand))
        {
            throw new InvalidOperationException("The hand-written RFM differs from Crm.Segmentation's.");
        }

        // OrderByDescending is stable and GroupBy keeps first-seen order, so even ties agree.
        if (!SdkTiers().Select(t => (t.Customer, t.Tier)).SequenceEqual(HandWrittenTiers()))
        {
            throw new InvalidOperationException("The hand-written tiers differ from Crm.Segmentation's.");
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written LINQ: GroupBy, rank per distinct value")]
    public List<(AccountId Customer, int R, int F, int M)> HandWritten()
    {
        var totals = _purchases.Where(p => p.AccountId is not null).GroupBy(p => p.AccountId!.Value)
            .Select(g => (Customer: g.Key, Days: Period.DaysBetween(g.Max(p => p.OrderedOn), AsOf), Orders: g.Count(), Amount: g.Sum(p => p.Total.Amount)))
            .ToList();
        var n = totals.Count;
        var r = Worse(totals.Select(t => -(decimal)t.Days));
        var f = Worse(totals.Select(t => (decimal)t.Orders));
        var m = Worse(totals.Select(t => t.Amount));
        return [.. totals.Select(t => (t.Customer, Bin(r[-(decimal)t.Days], n), Bin(f[t.Orders], n), Bin(m[t.Amount], n)))];

        static Dictionary<decimal, int> Worse(IEnumerable<decimal> values)
        {
            var sorted = values.Order().ToList();
            var worse = new Dictionary<decimal, int>();
            for (var i = 0; i < sorted.Count; i++)
            {
                worse.TryAdd(sorted[i], i);
            }

            return worse;
        }

        static int Bin(int worse, int n) => 1 + (int)(5L * worse / n);
    }

    [Benchmark(Description = "Crm.Segmentation: RFM scores")]
    public IReadOnlyList<RfmScore<AccountId>> Sdk() => Rfm.Score(Crm.Segmentation.Purchases.ByAccount(_purchases, "EUR"), new RfmOptions { AsOf = AsOf });

    [Benchmark(Description = "Hand-written LINQ: A/B/C tiers (GroupBy, OrderByDescending, running sum)")]
    public List<(AccountId Customer, CustomerTier Tier)> HandWrittenTiers()
    {
        var ranked = _purchases.Where(p => p.AccountId is not null).GroupBy(p => p.AccountId!.Value)
            .Select(g => (Customer: g.Key, Revenue: g.Sum(p => p.Total.Amount)))
            .OrderByDescending(t => t.Revenue)
            .ToList();
        var total = ranked.Sum(t => Math.Max(0m, t.Revenue));
        var above = 0m;
        var result = new List<(AccountId, CustomerTier)>(ranked.Count);
        foreach (var (customer, revenue) in ranked)
        {
            var share = total == 0m ? 0m : above / total;
            result.Add((customer, revenue <= 0m ? CustomerTier.C : share < 0.80m ? CustomerTier.A : share < 0.95m ? CustomerTier.B : CustomerTier.C));
            above += Math.Max(0m, revenue);
        }

        return result;
    }

    [Benchmark(Description = "Crm.Segmentation: A/B/C tiers")]
    public IReadOnlyList<TierAssignment<AccountId>> SdkTiers() => Tiers.Assign(Crm.Segmentation.Purchases.ByAccount(_purchases, "EUR"));
}
