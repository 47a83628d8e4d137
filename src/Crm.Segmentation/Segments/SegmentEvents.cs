using System.Text.Json.Serialization;
using Crm.Events;
using Crm.Storage;

namespace Crm.Segmentation;

/// <summary>A segment was defined.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Name">Its name.</param>
[DomainEvent("segment.defined")]
public sealed record SegmentDefined(SegmentId SegmentId, string Name) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(SegmentData.EntityTypeName, SegmentId.Value);
}

/// <summary>A segment's definition changed (name, rule, members of a static segment, schedule) or a refresh recorded a new snapshot.</summary>
/// <param name="SegmentId">The segment.</param>
[DomainEvent("segment.changed")]
public sealed record SegmentChanged(SegmentId SegmentId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(SegmentData.EntityTypeName, SegmentId.Value);
}

/// <summary>A segment was deleted (its snapshots with it).</summary>
/// <param name="SegmentId">The segment.</param>
[DomainEvent("segment.deleted")]
public sealed record SegmentDeleted(SegmentId SegmentId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(SegmentData.EntityTypeName, SegmentId.Value);
}

/// <summary>
/// Records entered a segment at a refresh. A refresh raises one event per
/// <see cref="SegmentSet.MembersPerEvent"/> members, in id order, in the commit that stores the
/// snapshot: a consumer sees them exactly when the snapshot exists.
/// </summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SnapshotId">The snapshot that recorded the change.</param>
/// <param name="MemberType">The members' entity type (<c>contact</c>, <c>account</c>).</param>
/// <param name="Members">The ids that entered.</param>
[DomainEvent("segment.members_entered")]
public sealed record SegmentMembersEntered(SegmentId SegmentId, SegmentSnapshotId SnapshotId, string MemberType, IReadOnlyList<Guid> Members) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(SegmentData.EntityTypeName, SegmentId.Value);
}

/// <summary>Records left a segment at a refresh (no longer match, removed from a static list, or deleted); chunked as <see cref="SegmentMembersEntered"/>.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="SnapshotId">The snapshot that recorded the change.</param>
/// <param name="MemberType">The members' entity type.</param>
/// <param name="Members">The ids that left.</param>
[DomainEvent("segment.members_left")]
public sealed record SegmentMembersLeft(SegmentId SegmentId, SegmentSnapshotId SnapshotId, string MemberType, IReadOnlyList<Guid> Members) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(SegmentData.EntityTypeName, SegmentId.Value);
}
