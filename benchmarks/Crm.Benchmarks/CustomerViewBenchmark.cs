using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using Crm.Customers;
using Crm.Purchases;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.InMemory;
using Crm.Timeline;
using Crm.Views;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The 360 view of one customer among 100,000 accounts, each with 5 contacts, 200 activities
/// (10 of them open tasks; each names one of the contacts as participant) and 200 purchase lines
/// (40 orders of 5 lines), on the in-memory store. "One customer" reads the same customer every
/// time (its data stays in the CPU caches); "1,024 customers" reads the next of 1,024 randomly
/// chosen customers each time (most reads miss the caches). The baseline of each category
/// assembles the same view by hand from plain dictionaries of pre-sorted arrays built in the
/// setup: the floor of producing that object, with no store, session, query or tenant checks.
/// </summary>
// In process, so the ~10 GB world is built once for every case (a static, see World). A fixed
// invocation count skips the pilot stage, and no forced full collection between iterations:
// with ~10 GB live, each one took seconds and measured nothing of the view.
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CustomerViewBenchmark
{
    private const string Hot = "One customer";
    private const string Cold = "1,024 customers";
    private static CustomerViewBenchmark? _world;

    private const int Contacts = SeededCustomer.ContactCount;
    private const int Activities = SeededCustomer.ActivityCount;
    private static readonly TenantId Tenant = new("bench");
    private static readonly OperationContext Context = OperationContext.ForSystem(Tenant);

    private readonly Dictionary<AccountId, HandWritten> _byHand = [];
    private ServiceProvider? _services;
    private ICrmSessionFactory? _sessions;
    private AccountId[] _targets = [];
    private ContactId[] _contactTargets = [];
    private int _next;

    /// <summary>How many accounts the tenant has.</summary>
    [Params(100_000)]
    public int Customers { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        if (_world is { } built)
        {
            (_services, _sessions, _targets, _contactTargets) = (built._services, built._sessions, built._targets, built._contactTargets);
            foreach (var (id, data) in built._byHand)
            {
                _byHand[id] = data;
            }

            return;
        }

        await BuildAsync();
        _world = this;
    }

    private async Task BuildAsync()
    {
        var clock = SystemClock.Instance;
        var ids = new ClockIdGenerator(clock);
        _services = new ServiceCollection().AddCrm(crm => crm.UseInMemoryStorage()).BuildServiceProvider();
        _sessions = _services.GetRequiredService<ICrmSessionFactory>();
        var store = _services.GetRequiredService<ICrmStore>();
        var now = clock.GetCurrentInstant().ToMicroseconds();
        var random = new Random(42);
        var targets = new HashSet<int>();
        while (targets.Count < 1024)
        {
            targets.Add(random.Next(Customers));
        }

        var chosen = new List<AccountId>();
        var chosenContacts = new List<ContactId>();
        for (var c = 0; c < Customers; c++)
        {
            var customer = SeededCustomer.Build(c, Tenant, ids, now);
            var (account, contacts, activities, purchases) = customer;
            var writes = customer.Writes();
            var result = await store.CommitAsync(Context, new CommitRequest(writes, [], null, now), CancellationToken.None);
            if (!result.Committed)
            {
                throw new InvalidOperationException("The setup commit failed: " + string.Join(", ", result.Outcomes.Where(o => o.Status != WriteStatus.NotApplied)));
            }

            if (targets.Contains(c))
            {
                chosen.Add(account.Id);
                chosenContacts.Add(contacts[0].Id);
                _byHand[account.Id] = new HandWritten(account, contacts, [.. activities.OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id.Value)], [.. activities.Where(a => a.IsOpenTask).OrderBy(a => a.DueAt)], [.. purchases.OrderByDescending(p => p.OrderedOn).ThenBy(p => p.Id.Value)]);
            }
        }

        _targets = [.. chosen];
        _contactTargets = [.. chosenContacts];
        var check = (await _sessions.OpenSession(Context).Views.GetAccountViewAsync(_targets[0]))!;
        if (check.RecentActivities.Count != CustomerViews.RecentCount || check.Contacts.Count != Contacts || check.Totals.ActivityCount != Activities || check.RecentPurchaseLines.Count != CustomerViews.RecentCount)
        {
            throw new InvalidOperationException("The view does not show the seeded customer.");
        }

        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    }

    [Benchmark(Baseline = true, Description = "Hand-written account view")]
    [BenchmarkCategory(Hot)]
    public AccountView ByHandOne() => ByHand(_targets[0]);

    [Benchmark(Description = "SDK: session.Views.GetAccountViewAsync")]
    [BenchmarkCategory(Hot)]
    public async Task<AccountView> AccountViewOne() => (await _sessions!.OpenSession(Context).Views.GetAccountViewAsync(_targets[0]))!;

    [Benchmark(Description = "SDK: session.Views.GetContactViewAsync")]
    [BenchmarkCategory(Hot)]
    public async Task<ContactView> ContactViewOne() => (await _sessions!.OpenSession(Context).Views.GetContactViewAsync(_contactTargets[0]))!;

    [Benchmark(Baseline = true, Description = "Hand-written account view")]
    [BenchmarkCategory(Cold)]
    public AccountView ByHandMany() => ByHand(_targets[_next++ & 1023]);

    [Benchmark(Description = "SDK: session.Views.GetAccountViewAsync")]
    [BenchmarkCategory(Cold)]
    public async Task<AccountView> AccountViewMany() => (await _sessions!.OpenSession(Context).Views.GetAccountViewAsync(_targets[_next++ & 1023]))!;

    [Benchmark(Description = "SDK: session.Views.GetContactViewAsync")]
    [BenchmarkCategory(Cold)]
    public async Task<ContactView> ContactViewMany() => (await _sessions!.OpenSession(Context).Views.GetContactViewAsync(_contactTargets[_next++ & 1023]))!;

    private AccountView ByHand(AccountId target)
    {
        var data = _byHand[target];
        var lines = new List<PurchaseLineEntry>(CustomerViews.RecentCount);
        var revenue = 0m;
        foreach (var purchase in data.Purchases)
        {
            revenue += purchase.Total.Amount;
            for (var i = 0; i < purchase.Lines.Count && lines.Count < CustomerViews.RecentCount; i++)
            {
                lines.Add(new PurchaseLineEntry(purchase.Id, purchase.Source, purchase.OrderNumber, purchase.OrderedOn, purchase.Lines[i]));
            }
        }

        return new AccountView
        {
            Account = data.Account,
            Contacts = [.. data.Contacts.Select(c => new LinkedContact(c, c.AccountRoles[0].Roles, true))],
            ContactCount = data.Contacts.Length,
            RecentActivities = data.Activities[..CustomerViews.RecentCount],
            RecentPurchaseLines = lines,
            OpenTasks = data.OpenTasks.Length <= CustomerViews.RecentCount ? data.OpenTasks : data.OpenTasks[..CustomerViews.RecentCount],
            Consent = [new ChannelConsentSummary(ContactChannel.Email, data.Contacts.Count(c => c.Consents[0].Status == ConsentStatus.Granted), 0, 0, 0)],
            Totals = new CustomerTotals([Money.Of(revenue, "EUR")], data.Purchases[0].OrderedOn, data.Purchases.Length, data.Activities.Length, data.OpenTasks.Length),
            AsOf = data.Account.UpdatedAt,
        };
    }

    private sealed class InProcessConfig : BenchmarkDotNet.Configs.ManualConfig
    {
        public InProcessConfig() => AddJob(BenchmarkDotNet.Jobs.Job.Default
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithInvocationCount(20_480)
            .WithGcForce(false));
    }

    private sealed record HandWritten(AccountData Account, ContactData[] Contacts, ActivityData[] Activities, ActivityData[] OpenTasks, PurchaseData[] Purchases);
}
