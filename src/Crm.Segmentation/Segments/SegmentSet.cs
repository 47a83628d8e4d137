using Crm.Customers;
using Crm.CustomFields;
using Crm.Rules;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.Querying;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>
/// The segments of a session (<c>session.Segments()</c>): define dynamic and static segments, refresh
/// them into membership snapshots with entered/left events, read their members. Register with
/// <c>crm.AddSegmentation()</c>.
/// </summary>
public sealed class SegmentSet : AggregateSet<Segment, SegmentData, SegmentId>
{
    /// <summary>The most member ids one <see cref="SegmentMembersEntered"/> or <see cref="SegmentMembersLeft"/> event carries.</summary>
    public const int MembersPerEvent = 1_000;

    private const int Chunk = 1_000;

    // Compiled rules are shared by every session: keyed by canonical AST and schema, bounded.
    private static readonly RuleCache Rules = new(256);

    internal SegmentSet(CrmSession session)
        : base(session)
    {
    }

    /// <summary>Defines a segment whose members are the records a rule matches (checked against the member type on commit).</summary>
    /// <param name="name">The name.</param>
    /// <param name="memberType"><see cref="EntityTypes.Contact"/> or <see cref="EntityTypes.Account"/>.</param>
    /// <param name="rule">The rule (docs/rules.md) over <see cref="ContactData"/> or <see cref="AccountData"/>.</param>
    /// <param name="refreshEvery">How often the scheduled refresh runs it; null for on demand only.</param>
    /// <returns>The new segment, staged until the session commits.</returns>
    public Segment DefineDynamic(string name, string memberType, string rule, Duration? refreshEvery = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return Define(name, memberType, SegmentKind.Dynamic, Segment.Canonical(rule), [], refreshEvery);
    }

    /// <summary>Defines a segment whose members are an explicit list.</summary>
    /// <param name="name">The name.</param>
    /// <param name="memberType"><see cref="EntityTypes.Contact"/> or <see cref="EntityTypes.Account"/>.</param>
    /// <param name="members">The ids of the members.</param>
    /// <returns>The new segment, staged until the session commits.</returns>
    public Segment DefineStatic(string name, string memberType, IEnumerable<Guid> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        return Define(name, memberType, SegmentKind.Static, null, Segment.Sorted(members), null);
    }

    /// <summary>
    /// The members a segment has now, without writing anything: the records its rule matches (the
    /// store answers what it can of the rule, the rest runs over the returned records; records the
    /// rule cannot evaluate are not members), or the listed records that still exist.
    /// </summary>
    /// <param name="segment">The segment.</param>
    /// <param name="run">The time <c>now()</c> and <c>today()</c> mean; the session's clock and the tenant's time zone when null.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The member ids, in id order.</returns>
    /// <exception cref="RuleException">The segment's rule does not check against its member type.</exception>
    public async Task<IReadOnlyList<Guid>> EvaluateAsync(Segment segment, RuleEvaluationContext? run = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        run ??= await DefaultRunAsync(cancellationToken).ConfigureAwait(false);
        var data = segment.Data;
        var members = (data.Kind, data.MemberType) switch
        {
            (SegmentKind.Dynamic, EntityTypes.Contact) => await SelectAsync(Session.Contacts, data.Rule!, run, cancellationToken).ConfigureAwait(false),
            (SegmentKind.Dynamic, EntityTypes.Account) => await SelectAsync(Session.Accounts, data.Rule!, run, cancellationToken).ConfigureAwait(false),
            (SegmentKind.Static, EntityTypes.Contact) => await ExistingAsync(Session.Contacts, data.Members, cancellationToken).ConfigureAwait(false),
            (SegmentKind.Static, EntityTypes.Account) => await ExistingAsync(Session.Accounts, data.Members, cancellationToken).ConfigureAwait(false),
            _ => throw new InvalidOperationException($"Segment '{data.Name}' has members of type '{data.MemberType}'; segments hold contacts or accounts."),
        };
        return Segment.Sorted(members);
    }

    /// <summary>
    /// Evaluates a segment and stages a membership snapshot when the members changed since the
    /// latest one (or there is none yet), with <see cref="SegmentMembersEntered"/> and
    /// <see cref="SegmentMembersLeft"/> events, and the segment's new refresh time. Nothing is
    /// written until the session commits; the commit writes the snapshot, its events and the
    /// segment together, and fails with a concurrency conflict (writing nothing) when another
    /// refresh of the same segment committed first.
    /// </summary>
    /// <param name="segment">The segment.</param>
    /// <param name="run">The time <c>now()</c> and <c>today()</c> mean; the session's clock and the tenant's time zone when null.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>What changed.</returns>
    /// <exception cref="RuleException">The segment's rule does not check against its member type.</exception>
    public async Task<SegmentRefresh> RefreshAsync(Segment segment, RuleEvaluationContext? run = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        run ??= await DefaultRunAsync(cancellationToken).ConfigureAwait(false);
        var members = await EvaluateAsync(segment, run, cancellationToken).ConfigureAwait(false);
        var previous = await MembersAsync(segment, cancellationToken).ConfigureAwait(false);
        var (entered, left) = Difference(previous, members);
        if (segment.Data.LatestSnapshotId is not null && entered.Count == 0 && left.Count == 0)
        {
            segment.Refreshed(segment.Data.LatestSnapshotId.Value, run.Now, members.Count, segment.Data.Snapshots);
            return new SegmentRefresh(segment, null, members, [], []);
        }

        var now = Session.Now;
        var snapshot = new SegmentSnapshot(new SegmentSnapshotData
        {
            Id = SegmentSnapshotId.FromGuid(Session.NewId()),
            TenantId = Session.Context.Tenant,
            CreatedAt = now,
            UpdatedAt = now,
            SegmentId = segment.Id,
            Sequence = segment.Data.Snapshots + 1,
            TakenAt = run.Now,
            Members = members,
            Entered = entered.Count,
            Left = left.Count,
        });
        snapshot.RaiseMembership(segment.Data.MemberType, entered, left);
        Session.Set<SegmentSnapshotSet>().Add(snapshot);
        segment.Refreshed(snapshot.Id, run.Now, members.Count, snapshot.Data.Sequence);
        return new SegmentRefresh(segment, snapshot, members, entered, left);
    }

    /// <summary>The members of a segment's latest snapshot (empty before the first refresh).</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The member ids, in id order.</returns>
    public async Task<IReadOnlyList<Guid>> MembersAsync(Segment segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        if (segment.Data.LatestSnapshotId is not { } latest)
        {
            return [];
        }

        var snapshot = await Session.Set<SegmentSnapshotSet>().FindAsync(latest, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Segment '{segment.Data.Name}' names snapshot {latest} as its latest, which does not exist.");
        return snapshot.Data.Members;
    }

    /// <summary>The snapshots of a segment, newest first.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The snapshots.</returns>
    public async Task<IReadOnlyList<SegmentSnapshot>> SnapshotsAsync(Segment segment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(segment);
        var snapshots = new List<SegmentSnapshot>();
        var query = new RecordQuery { Filter = Filter.Equal("segmentId", segment.Id.ToString()), Sort = [SortKey.Descending("sequence")], PageSize = PageRequest.MaxPageSize };
        string? cursor = null;
        do
        {
            var page = Value(await Session.Set<SegmentSnapshotSet>().QueryAsync(query with { Cursor = cursor }, cancellationToken).ConfigureAwait(false));
            snapshots.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return snapshots;
    }

    /// <summary>Stages the deletion of a segment's snapshots but the newest <paramref name="keep"/>.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="keep">How many to keep (at least 1: the latest is what the next refresh compares with).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>How many are staged for deletion.</returns>
    public async Task<int> PruneSnapshotsAsync(Segment segment, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var old = (await SnapshotsAsync(segment, cancellationToken).ConfigureAwait(false))
            .Concat(Staged(segment))
            .OrderByDescending(s => s.Data.Sequence)
            .Skip(keep)
            .ToList();
        foreach (var snapshot in old)
        {
            Session.Set<SegmentSnapshotSet>().Remove(snapshot);
        }

        return old.Count;
    }

    /// <summary>Stages the deletion of a segment and all its snapshots.</summary>
    /// <param name="segment">The segment.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>A task that completes when the deletions are staged.</returns>
    public async Task DeleteAsync(Segment segment, CancellationToken cancellationToken = default)
    {
        // The stored snapshots and any a refresh in this session staged: none outlives the segment.
        foreach (var snapshot in (await SnapshotsAsync(segment, cancellationToken).ConfigureAwait(false)).Concat(Staged(segment)).ToList())
        {
            Session.Set<SegmentSnapshotSet>().Remove(snapshot);
        }

        Remove(segment);
    }

    /// <summary>The segments whose scheduled refresh is due at <paramref name="now"/>, oldest due first.</summary>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>Up to 1,000 due segments.</returns>
    public async Task<IReadOnlyList<Segment>> DueAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var query = new RecordQuery { Filter = Filter.LessThanOrEqual("nextRefreshAt", now), Sort = [SortKey.Ascending("nextRefreshAt")], PageSize = PageRequest.MaxPageSize };
        return Value(await QueryAsync(query, cancellationToken).ConfigureAwait(false)).Items;
    }

    /// <inheritdoc />
    protected override Segment Wrap(SegmentData data) => new(data);

    private Segment Define(string name, string memberType, SegmentKind kind, string? rule, IReadOnlyList<Guid> members, Duration? refreshEvery)
    {
        var now = Session.Now;
        var segment = new Segment(new SegmentData
        {
            Id = SegmentId.FromGuid(Session.NewId()),
            TenantId = Session.Context.Tenant,
            CreatedAt = now,
            UpdatedAt = now,
            Name = name,
            MemberType = memberType,
            Kind = kind,
            Rule = rule,
            Members = members,
        });
        if (refreshEvery is not null)
        {
            segment.Schedule(refreshEvery, now);
        }

        Add(segment);
        return segment;
    }

    private IEnumerable<SegmentSnapshot> Staged(Segment segment) =>
        Session.Set<SegmentSnapshotSet>().Tracked.Where(s => s.IsNew && s.Data.SegmentId == segment.Id);

    private async Task<RuleEvaluationContext> DefaultRunAsync(CancellationToken cancellationToken) =>
        new(Session.Now, (await Session.GetTenantSettingsAsync(cancellationToken).ConfigureAwait(false)).TimeZone);

    private static async Task<List<Guid>> SelectAsync<TAggregate, TData, TId>(AggregateSet<TAggregate, TData, TId> set, string rule, RuleEvaluationContext run, CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TData>
        where TData : AggregateData
        where TId : struct, ITypedId<TId>
    {
        var compiled = Rules.GetOrCompile<TData>(Rule.Parse(rule));
        var members = new List<Guid>();
        await foreach (var aggregate in set.SelectAsync(compiled, run, cancellationToken).ConfigureAwait(false))
        {
            members.Add(aggregate.Data.Key);
        }

        return members;
    }

    private static async Task<List<Guid>> ExistingAsync<TAggregate, TData, TId>(AggregateSet<TAggregate, TData, TId> set, IReadOnlyList<Guid> listed, CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TData>
        where TData : AggregateData
        where TId : struct, ITypedId<TId>
    {
        var existing = new List<Guid>(listed.Count);
        foreach (var chunk in listed.Chunk(Chunk))
        {
            var query = new RecordQuery { Filter = Filter.In("id", chunk.Select(id => ScalarValue.Text(id.ToString("D")))), PageSize = Chunk };
            existing.AddRange(Value(await set.QueryAsync(query, cancellationToken).ConfigureAwait(false)).Items.Select(a => a.Data.Key));
        }

        return existing;
    }

    // Both lists in id order: one merge pass.
    private static (List<Guid> Entered, List<Guid> Left) Difference(IReadOnlyList<Guid> before, IReadOnlyList<Guid> after)
    {
        var entered = new List<Guid>();
        var left = new List<Guid>();
        int i = 0, j = 0;
        while (i < before.Count || j < after.Count)
        {
            var order = i == before.Count ? 1 : j == after.Count ? -1 : before[i].CompareTo(after[j]);
            if (order < 0)
            {
                left.Add(before[i++]);
            }
            else if (order > 0)
            {
                entered.Add(after[j++]);
            }
            else
            {
                i++;
                j++;
            }
        }

        return (entered, left);
    }

    private static Page<T> Value<T>(CrmResult<Page<T>> result) => result.IsSuccess
        ? result.Value!
        : throw new InvalidOperationException("A segment query was refused: " + string.Join("; ", result.Errors.Select(e => e.Message)));
}
