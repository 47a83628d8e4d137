using Crm.Customers;
using Crm.Events;
using Crm.Sessions;

namespace Crm.Segmentation;

/// <summary>A segment's membership at one refresh: written once, never changed (see <see cref="SegmentSnapshotData"/>).</summary>
public sealed class SegmentSnapshot : AggregateRoot<SegmentSnapshotData>
{
    /// <summary>Wraps stored data.</summary>
    /// <param name="data">The data.</param>
    public SegmentSnapshot(SegmentSnapshotData data)
        : base(data)
    {
    }

    /// <summary>The id.</summary>
    public SegmentSnapshotId Id => Data.Id;

    internal void RaiseMembership(string memberType, IReadOnlyList<Guid> entered, IReadOnlyList<Guid> left)
    {
        foreach (var chunk in entered.Chunk(SegmentSet.MembersPerEvent))
        {
            Raise(new SegmentMembersEntered(Data.SegmentId, Id, memberType, chunk));
        }

        foreach (var chunk in left.Chunk(SegmentSet.MembersPerEvent))
        {
            Raise(new SegmentMembersLeft(Data.SegmentId, Id, memberType, chunk));
        }
    }

    // The membership events say what a snapshot's creation means; the segment's own events say the rest.
    /// <inheritdoc />
    protected override IDomainEvent? CreatedEvent() => null;

    /// <inheritdoc />
    protected override IDomainEvent? UpdatedEvent() => null;

    /// <inheritdoc />
    protected override IDomainEvent? DeletedEvent() => null;
}

/// <summary>The membership snapshots of segments, for reading history (<c>session.Set&lt;SegmentSnapshotSet&gt;()</c>); refreshes write them.</summary>
public sealed class SegmentSnapshotSet : AggregateSet<SegmentSnapshot, SegmentSnapshotData, SegmentSnapshotId>
{
    internal SegmentSnapshotSet(CrmSession session)
        : base(session)
    {
    }

    /// <inheritdoc />
    protected override SegmentSnapshot Wrap(SegmentSnapshotData data) => new(data);
}
