using System.Text.Json.Serialization;
using Crm.Customers;
using Crm.Storage.Querying;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>
/// The stored state of a <see cref="Segment"/>: a named set of contacts or accounts, decided by a
/// rule (dynamic) or by an explicit list (static), with what its last refresh found. The members a
/// refresh found live in a <see cref="SegmentSnapshotData"/>, not here.
/// </summary>
public sealed record SegmentData : AggregateData, IAggregateData<SegmentData>
{
    /// <summary>The segment's id.</summary>
    public required SegmentId Id { get; init; }

    /// <summary>The name users see (1–200 characters).</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Whether a rule or a list decides the members.</summary>
    public SegmentKind Kind { get; init; }

    /// <summary>The family of the members: <c>contact</c> or <c>account</c>.</summary>
    public string MemberType { get; init; } = Storage.EntityTypes.Contact;

    /// <summary>The rule of a dynamic segment, in canonical text; null for a static one.</summary>
    public string? Rule { get; init; }

    /// <summary>The members of a static segment (ids of <see cref="MemberType"/>), in id order; empty for a dynamic one.</summary>
    public IReadOnlyList<Guid> Members { get; init; } = [];

    /// <summary>How often the scheduled refresh runs it; null refreshes only on demand.</summary>
    public Duration? RefreshEvery { get; init; }

    /// <summary>When the scheduled refresh is next due (last refresh + <see cref="RefreshEvery"/>); null when not scheduled.</summary>
    public Instant? NextRefreshAt { get; init; }

    /// <summary>When it was last refreshed; null before the first refresh.</summary>
    public Instant? LastRefreshedAt { get; init; }

    /// <summary>The latest membership snapshot; null before the first refresh.</summary>
    public SegmentSnapshotId? LatestSnapshotId { get; init; }

    /// <summary>How many members the latest snapshot holds.</summary>
    public int MemberCount { get; init; }

    /// <summary>How many snapshots were taken (the latest snapshot's sequence number).</summary>
    public long Snapshots { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypeName;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <inheritdoc />
    public static string EntityTypeName => "segment";

    /// <inheritdoc />
    public static IEnumerable<RecordField<SegmentData>> DeclareFields() =>
    [
        RecordField.Text<SegmentData>("name", d => d.Name),
        RecordField.Text<SegmentData>("kind", d => d.Kind == SegmentKind.Dynamic ? "dynamic" : "static"),
        RecordField.Text<SegmentData>("memberType", d => d.MemberType),
        RecordField.Instant<SegmentData>("nextRefreshAt", d => d.NextRefreshAt),
        RecordField.Instant<SegmentData>("lastRefreshedAt", d => d.LastRefreshedAt),
        RecordField.Number<SegmentData>("memberCount", d => d.MemberCount),
    ];
}
