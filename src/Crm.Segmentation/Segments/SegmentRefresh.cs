namespace Crm.Segmentation;

/// <summary>What a refresh of a segment found, staged in the session until it commits.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Snapshot">The new snapshot; null when the membership did not change since the latest one (nothing is written then but the refresh time).</param>
/// <param name="Members">The members now, in id order.</param>
/// <param name="Entered">Who entered since the latest snapshot, in id order.</param>
/// <param name="Left">Who left, in id order.</param>
public sealed record SegmentRefresh(Segment Segment, SegmentSnapshot? Snapshot, IReadOnlyList<Guid> Members, IReadOnlyList<Guid> Entered, IReadOnlyList<Guid> Left)
{
    /// <summary>Whether the membership changed (or this is the first snapshot).</summary>
    public bool Changed => Snapshot is not null;
}
