using System.Text.Json;
using Crm.Customers;
using Crm.Rules;
using Crm.Segmentation;
using Crm.Sessions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// Dynamic and static segments on each store: membership snapshots, entered/left events in the
/// snapshot's commit, refreshes that change nothing, invalid rules, concurrent refreshes of one
/// segment, the schedule, and events chunked by <see cref="SegmentSet.MembersPerEvent"/>.
/// </summary>
public sealed class SegmentTests
{
    private static readonly TenantId Tenant = new("segments");

    public static TheoryData<StoreKind> Stores() => [StoreKind.InMemory, StoreKind.Sqlite, StoreKind.Postgres];

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_dynamic_segment_snapshots_who_entered_and_who_left(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        var buyers = await host.CreateContactsAsync(5, "Buyer");
        var others = await host.CreateContactsAsync(3, "Intern");

        var session = host.Session();
        var segment = session.Segments().DefineDynamic("Buyers", EntityTypes.Contact, "jobTitle   =  \"Buyer\"");
        Assert.Equal("jobTitle = \"Buyer\"", segment.Data.Rule);
        var first = await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);
        Assert.Equal(Sorted(buyers), first.Entered);
        Assert.Empty(first.Left);

        // One buyer becomes an intern, one intern a buyer.
        session = host.Session();
        (await session.Contacts.FindAsync(buyers[0], Ct))!.SetJobTitle("Intern");
        (await session.Contacts.FindAsync(others[0], Ct))!.SetJobTitle("Buyer");
        await host.CommitAsync(session);

        session = host.Session();
        segment = (await session.Segments().FindAsync(segment.Id, Ct))!;
        var second = await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);
        Assert.Equal([others[0].Value], second.Entered);
        Assert.Equal([buyers[0].Value], second.Left);

        host.Clock.Advance(Duration.FromMinutes(1));
        session = host.Session();
        segment = (await session.Segments().FindAsync(segment.Id, Ct))!;
        var third = await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);
        // The third refresh found the same members: it moves the refresh time and raises nothing.
        Assert.False(third.Changed);
        Assert.Equal(host.Clock.GetCurrentInstant(), (await host.Session().Segments().FindAsync(segment.Id, Ct))!.Data.LastRefreshedAt);

        session = host.Session();
        segment = (await session.Segments().FindAsync(segment.Id, Ct))!;
        Assert.Equal(2, segment.Data.Snapshots);
        Assert.Equal(5, segment.Data.MemberCount);
        Assert.Equal(Sorted([.. buyers.Skip(1), others[0]]), await session.Segments().MembersAsync(segment, Ct));
        var snapshots = await session.Segments().SnapshotsAsync(segment, Ct);
        Assert.Equal([2L, 1L], snapshots.Select(s => s.Data.Sequence));
        Assert.Equal((1, 1), (snapshots[0].Data.Entered, snapshots[0].Data.Left));

        var events = await host.SegmentEventsAsync();
        Assert.Equal(
            ["segment.defined", "segment.members_entered", "segment.changed", "segment.members_entered", "segment.members_left"],
            events.Select(e => e.Type));
        Assert.Equal(Sorted(buyers), events[1].Members);
        Assert.Equal([others[0].Value], events[3].Members);
        Assert.Equal([buyers[0].Value], events[4].Members);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task A_static_segment_holds_its_listed_records_that_exist(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        var contacts = await host.CreateContactsAsync(4, "Buyer");
        var missing = Guid.CreateVersion7();
        var session = host.Session();
        var segment = session.Segments().DefineStatic("Fair visitors", EntityTypes.Contact, [contacts[2].Value, contacts[0].Value, missing, contacts[0].Value]);
        Assert.Equal(Sorted([contacts[0], contacts[2]]).Append(missing).Order(), segment.Data.Members);
        var first = await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);
        Assert.Equal(Sorted([contacts[0], contacts[2]]), first.Members);

        session = host.Session();
        segment = (await session.Segments().FindAsync(segment.Id, Ct))!;
        segment.RemoveMembers([contacts[0].Value]);
        segment.AddMembers([contacts[3].Value]);
        Assert.Throws<InvalidOperationException>(() => segment.ChangeRule("jobTitle = \"Buyer\""));
        var second = await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);
        Assert.Equal([contacts[3].Value], second.Entered);
        Assert.Equal([contacts[0].Value], second.Left);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task An_invalid_segment_is_refused_with_every_problem_and_writes_nothing(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        var session = host.Session();
        session.Segments().DefineDynamic("", EntityTypes.Contact, "jobTitel = \"Buyer\"", Duration.FromSeconds(5));
        session.Segments().DefineDynamic("Leads", "lead", "x = ");
        var result = await session.CommitAsync(cancellationToken: Ct);
        Assert.False(result.IsSuccess);
        var messages = result.Errors.Select(e => $"{e.Path}: {e.Message}").ToList();
        Assert.Contains(messages, m => m.StartsWith("name:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("rule:", StringComparison.Ordinal) && m.Contains("1:1", StringComparison.Ordinal) && m.Contains("jobTitle", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("refreshEvery:", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("memberType:", StringComparison.Ordinal) && m.Contains("'lead'", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.StartsWith("rule:", StringComparison.Ordinal) && m.Contains("does not parse", StringComparison.Ordinal));
        var stored = await host.Session().Segments().CountAsync(cancellationToken: Ct);
        Assert.Equal(0, stored.Value);
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Two_refreshes_of_one_segment_at_once_commit_one_snapshot(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        await host.CreateContactsAsync(3, "Buyer");
        var session = host.Session();
        var id = session.Segments().DefineDynamic("Buyers", EntityTypes.Contact, "jobTitle = \"Buyer\"").Id;
        await host.CommitAsync(session);

        using var barrier = new Barrier(2);
        async Task<bool> RefreshAsync()
        {
            var mine = host.Session();
            var segment = (await mine.Segments().FindAsync(id, Ct))!;
            await mine.Segments().RefreshAsync(segment, cancellationToken: Ct);
            barrier.SignalAndWait(Ct);
            return (await mine.CommitAsync(cancellationToken: Ct)).IsSuccess;
        }

        var outcomes = await Task.WhenAll(Task.Run(RefreshAsync, Ct), Task.Run(RefreshAsync, Ct));
        Assert.Equal(1, outcomes.Count(o => o));
        var segment = (await host.Session().Segments().FindAsync(id, Ct))!;
        Assert.Single(await host.Session().Segments().SnapshotsAsync(segment, Ct));
        Assert.Single(await host.SegmentEventsAsync(), e => e.Type == "segment.members_entered");
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task The_schedule_refreshes_due_segments_and_events_carry_at_most_a_thousand_members(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        var contacts = await host.CreateContactsAsync(SegmentSet.MembersPerEvent + 234, "Buyer");
        var session = host.Session();
        var scheduled = session.Segments().DefineDynamic("Buyers", EntityTypes.Contact, "jobTitle = \"Buyer\"", Duration.FromHours(1)).Id;
        session.Segments().DefineDynamic("On demand", EntityTypes.Contact, "jobTitle = \"Buyer\"");
        await host.CommitAsync(session);
        var refresher = new SegmentRefresher(host.Services.GetRequiredService<ICrmSessionFactory>(), host.Clock);

        var pass = await refresher.RefreshDueAsync(Tenant, Ct);
        Assert.Equal([new SegmentRefreshOutcome(SegmentId.FromGuid(scheduled.Value), contacts.Count, 0, null)], pass);
        Assert.Empty(await refresher.RefreshDueAsync(Tenant, Ct));
        host.Clock.Advance(Duration.FromMinutes(59));
        Assert.Empty(await refresher.RefreshDueAsync(Tenant, Ct));
        host.Clock.Advance(Duration.FromMinutes(1));
        Assert.Equal([new SegmentRefreshOutcome(SegmentId.FromGuid(scheduled.Value), 0, 0, null)], await refresher.RefreshDueAsync(Tenant, Ct));

        var entered = (await host.SegmentEventsAsync()).Where(e => e.Type == "segment.members_entered").ToList();
        Assert.Equal([SegmentSet.MembersPerEvent, 234], entered.Select(e => e.Members.Count));
        Assert.Equal(Sorted(contacts), entered.SelectMany(e => e.Members));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Only_changes_raise_segment_changed_even_within_one_session(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        await host.CreateContactsAsync(2, "Buyer");
        var session = host.Session();
        var segment = session.Segments().DefineDynamic("Buyers", EntityTypes.Contact, "jobTitle = \"Buyer\"", Duration.FromHours(1));
        await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);

        // Same session, same members: the refresh time moves, nothing is announced.
        host.Clock.Advance(Duration.FromMinutes(5));
        await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await host.CommitAsync(session);

        // A tag is a change of the segment, though no segment method made it.
        segment.Tag("campaign-2027");
        await host.CommitAsync(session);
        Assert.Equal(["segment.defined", "segment.members_entered", "segment.changed"], (await host.SegmentEventsAsync()).Select(e => e.Type));
    }

    [Theory]
    [MemberData(nameof(Stores))]
    public async Task Deleting_a_segment_drops_the_snapshot_its_session_staged(StoreKind kind)
    {
        await using var host = await Host.CreateAsync(kind);
        await host.CreateContactsAsync(2, "Buyer");
        var session = host.Session();
        var segment = session.Segments().DefineDynamic("Buyers", EntityTypes.Contact, "jobTitle = \"Buyer\"");
        await host.CommitAsync(session);
        await session.Segments().RefreshAsync(segment, cancellationToken: Ct);
        await session.Segments().DeleteAsync(segment, Ct);
        await host.CommitAsync(session);

        Assert.Equal(0, (await host.Session().Set<SegmentSnapshotSet>().CountAsync(cancellationToken: Ct)).Value);
        Assert.Equal(["segment.defined", "segment.deleted"], (await host.SegmentEventsAsync()).Select(e => e.Type));
    }

    [Fact]
    public async Task A_failing_segment_does_not_stop_the_schedule_for_the_others()
    {
        await using var host = await Host.CreateAsync(StoreKind.InMemory);
        await host.CreateContactsAsync(2, "Buyer");
        var session = host.Session();
        var broken = session.Segments().DefineDynamic("Broken", EntityTypes.Contact, "jobTitle = \"Buyer\"", Duration.FromHours(1));
        var healthy = session.Segments().DefineDynamic("Healthy", EntityTypes.Contact, "jobTitle = \"Buyer\"", Duration.FromHours(1));
        await host.CommitAsync(session);

        // A latest snapshot that does not exist (say, deleted by hand in the database) makes the refresh throw.
        var stored = (await host.Session().Segments().FindAsync(broken.Id, Ct))!.Data;
        var damaged = stored with { LatestSnapshotId = SegmentSnapshotId.FromGuid(Guid.CreateVersion7()), Version = stored.Version + 1 };
        var write = await host.Store.CommitAsync(OperationContext.ForSystem(Tenant), new CommitRequest([new StagedWrite(WriteKind.Update, damaged.Ref, stored.Version, damaged)], [], null, host.Clock.GetCurrentInstant()), Ct);
        Assert.True(write.Committed);

        var pass = await new SegmentRefresher(host.Services.GetRequiredService<ICrmSessionFactory>(), host.Clock).RefreshDueAsync(Tenant, Ct);
        Assert.Contains(pass, o => o.SegmentId == broken.Id && o.Error!.Contains("does not exist", StringComparison.Ordinal));
        Assert.Contains(pass, o => o.SegmentId == healthy.Id && o.Error is null && o.Entered == 2);
    }

    [Fact]
    public async Task A_rule_over_today_uses_the_tenants_time_zone()
    {
        // 2026-03-28 23:30 UTC is already the 29th in Berlin.
        await using var host = await Host.CreateAsync(StoreKind.InMemory, Instant.FromUtc(2026, 3, 28, 23, 30), DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        await host.CreateContactsAsync(2, "Buyer");
        var session = host.Session();
        var segment = session.Segments().DefineDynamic("Created today", EntityTypes.Contact, "today() = date(\"2026-03-29\") and jobTitle = \"Buyer\"");
        Assert.Equal(2, (await session.Segments().EvaluateAsync(segment, cancellationToken: Ct)).Count);
        Assert.Empty(await session.Segments().EvaluateAsync(segment, new RuleEvaluationContext(host.Clock.GetCurrentInstant(), DateTimeZone.Utc), Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static List<Guid> Sorted(IEnumerable<ContactId> ids) => [.. ids.Select(i => i.Value).Order()];

    private sealed record SegmentEvent(string Type, IReadOnlyList<Guid> Members);

    private sealed class Host : IAsyncDisposable
    {
        private readonly TestStore _store;

        private Host(TestStore store, ServiceProvider services, FakeClock clock)
        {
            _store = store;
            Services = services;
            Clock = clock;
        }

        public ServiceProvider Services { get; }

        public FakeClock Clock { get; }

        public ICrmStore Store => _store.Store;

        public static async Task<Host> CreateAsync(StoreKind kind, Instant? now = null, DateTimeZone? zone = null)
        {
            var clock = new FakeClock(now ?? Instant.FromUtc(2026, 11, 27, 9, 0));
            var store = await TestStore.CreateAsync(kind, clock);
            var services = new ServiceCollection();
            services.AddSingleton<IClock>(clock);
            services.AddCrm(crm => crm
                .UseStorage("under test", _ => store.Store)
                .Configure(o => o.DefaultTenantSettings = o.DefaultTenantSettings with { TimeZone = zone ?? DateTimeZone.Utc })
                .AddSegmentation());
            return new Host(store, services.BuildServiceProvider(), clock);
        }

        public CrmSession Session() => Services.GetRequiredService<ICrmSessionFactory>().OpenSession(OperationContext.ForSystem(Tenant));

        public async Task CommitAsync(CrmSession session)
        {
            var result = await session.CommitAsync(cancellationToken: Ct);
            Assert.True(result.IsSuccess, string.Join("; ", result.Errors.Select(e => e.Message)));
        }

        public async Task<List<ContactId>> CreateContactsAsync(int count, string jobTitle)
        {
            var session = Session();
            var ids = Enumerable.Range(0, count).Select(i => session.Contacts.Create(new ContactDraft { LastName = $"{jobTitle} {i}", JobTitle = jobTitle }).Id).ToList();
            await CommitAsync(session);
            return ids;
        }

        /// <summary>The segment events in the outbox, in commit order.</summary>
        public async Task<List<SegmentEvent>> SegmentEventsAsync()
        {
            // The outbox hands out one message per subject at a time: claim and complete until it is empty.
            var events = new List<SegmentEvent>();
            while (await _store.Store.Outbox.ClaimAsync(10_000, Duration.FromMinutes(5), Ct) is { Count: > 0 } claimed)
            {
                events.AddRange(claimed
                    .Where(c => c.Message.EventType.StartsWith("segment.", StringComparison.Ordinal))
                    .Select(c => new SegmentEvent(c.Message.EventType, c.Message.EventType.StartsWith("segment.members", StringComparison.Ordinal)
                        ? [.. JsonDocument.Parse(c.Message.Payload).RootElement.GetProperty("members").EnumerateArray().Select(m => m.GetGuid())]
                        : [])));
                await _store.Store.Outbox.CompleteAsync([.. claimed.Select(c => c.Message.EventId)], Ct);
            }

            return events;
        }

        public async ValueTask DisposeAsync()
        {
            await Services.DisposeAsync();
            await _store.DisposeAsync();
        }
    }
}
