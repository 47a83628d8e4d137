using System.Text.Json.Serialization;
using Crm.Customers;
using Crm.Storage.Querying;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>
/// The members of a segment at one refresh, with what changed since the one before. Snapshots are
/// history: written once by a refresh, never changed; delete old ones with
/// <see cref="SegmentSet.PruneSnapshotsAsync"/>.
/// </summary>
public sealed record SegmentSnapshotData : AggregateData, IAggregateData<SegmentSnapshotData>
{
    /// <summary>The snapshot's id.</summary>
    public required SegmentSnapshotId Id { get; init; }

    /// <summary>The segment.</summary>
    public required SegmentId SegmentId { get; init; }

    /// <summary>1 for the segment's first snapshot, then one more per snapshot.</summary>
    public long Sequence { get; init; }

    /// <summary>When the refresh ran (the time <c>now()</c> and <c>today()</c> meant for the rule).</summary>
    public Instant TakenAt { get; init; }

    /// <summary>The members, in id order.</summary>
    public IReadOnlyList<Guid> Members { get; init; } = [];

    /// <summary>How many members entered since the previous snapshot.</summary>
    public int Entered { get; init; }

    /// <summary>How many members left since the previous snapshot.</summary>
    public int Left { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <inheritdoc />
    public static string EntityTypeName => "segmentSnapshot";

    /// <inheritdoc />
    public static IEnumerable<RecordField<SegmentSnapshotData>> DeclareFields() =>
    [
        RecordField.Text<SegmentSnapshotData>("segmentId", d => d.SegmentId.ToString()),
        RecordField.Number<SegmentSnapshotData>("sequence", d => d.Sequence),
        RecordField.Instant<SegmentSnapshotData>("takenAt", d => d.TakenAt),
    ];
}
