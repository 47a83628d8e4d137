using Crm.Customers;
using Crm.Events;
using Crm.Rules;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>
/// A named set of contacts or accounts: dynamic (a rule decides, re-evaluated at each refresh) or
/// static (an explicit list). Define one with <see cref="SegmentSet"/>; its members at a point in
/// time are a <see cref="SegmentSnapshotData"/>, taken by <see cref="SegmentSet.RefreshAsync"/>,
/// which also raises <see cref="SegmentMembersEntered"/> and <see cref="SegmentMembersLeft"/>.
/// Deleting a segment deletes its snapshots.
/// </summary>
public sealed class Segment : AggregateRoot<SegmentData>
{
    /// <summary>Wraps stored data.</summary>
    /// <param name="data">The data.</param>
    public Segment(SegmentData data)
        : base(data)
    {
    }

    /// <summary>The id.</summary>
    public SegmentId Id => Data.Id;

    /// <summary>Renames the segment.</summary>
    /// <param name="name">The new name (validated on commit).</param>
    public void Rename(string name) => Change(Data with { Name = name });

    /// <summary>Replaces the rule of a dynamic segment; members change at the next refresh. Stored in canonical text when it parses; checked against the member type on commit.</summary>
    /// <param name="rule">The rule text.</param>
    /// <exception cref="InvalidOperationException">The segment is static.</exception>
    public void ChangeRule(string rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        RequireKind(SegmentKind.Dynamic, "has no rule; its members are a list");
        Change(Data with { Rule = Canonical(rule) });
    }

    /// <summary>Adds records to a static segment's list (ids already there are ignored); members enter at the next refresh.</summary>
    /// <param name="members">The ids of records of <see cref="SegmentData.MemberType"/>.</param>
    /// <exception cref="InvalidOperationException">The segment is dynamic.</exception>
    public void AddMembers(IEnumerable<Guid> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        RequireKind(SegmentKind.Static, "is decided by its rule");
        Change(Data with { Members = Sorted(Data.Members.Concat(members)) });
    }

    /// <summary>Removes records from a static segment's list; they leave at the next refresh.</summary>
    /// <param name="members">The ids to remove.</param>
    /// <exception cref="InvalidOperationException">The segment is dynamic.</exception>
    public void RemoveMembers(IEnumerable<Guid> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        RequireKind(SegmentKind.Static, "is decided by its rule");
        var removed = members.ToHashSet();
        Change(Data with { Members = [.. Data.Members.Where(m => !removed.Contains(m))] });
    }

    /// <summary>Sets how often the scheduled refresh runs the segment (null: on demand only); the next run is due <paramref name="every"/> after the last refresh, or now if it never ran.</summary>
    /// <param name="every">The interval (at least a minute), or null.</param>
    /// <param name="now">The current time.</param>
    public void Schedule(Duration? every, Instant now) =>
        Change(Data with { RefreshEvery = every, NextRefreshAt = every is { } e ? (Data.LastRefreshedAt ?? now - e) + e : null });

    /// <inheritdoc />
    protected override IDomainEvent CreatedEvent() => new SegmentDefined(Id, Data.Name);

    /// <inheritdoc />
    protected override IDomainEvent? UpdatedEvent()
    {
        // A refresh that found the same members only moves the refresh time: no event for that.
        // Anything else — definition, schedule, owner, tags, a new snapshot — is a change.
        var original = Original;
        var bookkeepingOnly = Data with
        {
            LastRefreshedAt = original.LastRefreshedAt,
            NextRefreshAt = original.NextRefreshAt,
            UpdatedAt = original.UpdatedAt,
            Version = original.Version,
        };
        return bookkeepingOnly == original ? null : new SegmentChanged(Id);
    }

    /// <inheritdoc />
    protected override IDomainEvent DeletedEvent() => new SegmentDeleted(Id);

    internal void Refreshed(SegmentSnapshotId latest, Instant at, int members, long snapshots)
    {
        Change(Data with
        {
            LastRefreshedAt = at,
            NextRefreshAt = Data.RefreshEvery is { } every ? at + every : null,
            LatestSnapshotId = latest,
            MemberCount = members,
            Snapshots = snapshots,
        });
    }

    internal static IReadOnlyList<Guid> Sorted(IEnumerable<Guid> ids)
    {
        // Guid's order is the UUID byte order the stores sort ids in.
        var list = ids.Distinct().ToList();
        list.Sort();
        return list;
    }

    // Canonical text when it parses, so equal rules are stored alike; otherwise as given, and validation says what is wrong.
    internal static string Canonical(string rule)
    {
        try
        {
            return Crm.Rules.Rule.Parse(rule).Text;
        }
        catch (RuleException)
        {
            return rule;
        }
    }

    private void RequireKind(SegmentKind kind, string reason)
    {
        if (Data.Kind != kind)
        {
            throw new InvalidOperationException($"Segment '{Data.Name}' is {(Data.Kind == SegmentKind.Dynamic ? "dynamic" : "static")}: it {reason}.");
        }
    }
}
