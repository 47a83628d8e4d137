namespace Crm.Segmentation;

/// <summary>The identifier of a segment: a UUIDv7.</summary>
/// <param name="Value">The underlying UUID.</param>
public readonly record struct SegmentId(Guid Value) : ITypedId<SegmentId>
{
    /// <inheritdoc />
    public static SegmentId FromGuid(Guid value) => new(value);

    /// <summary>The canonical lower-case text form.</summary>
    /// <returns>The UUID as text.</returns>
    public override string ToString() => Value.ToString("D");
}

/// <summary>The identifier of a membership snapshot of a segment: a UUIDv7.</summary>
/// <param name="Value">The underlying UUID.</param>
public readonly record struct SegmentSnapshotId(Guid Value) : ITypedId<SegmentSnapshotId>
{
    /// <inheritdoc />
    public static SegmentSnapshotId FromGuid(Guid value) => new(value);

    /// <summary>The canonical lower-case text form.</summary>
    /// <returns>The UUID as text.</returns>
    public override string ToString() => Value.ToString("D");
}
