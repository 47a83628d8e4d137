using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Customers;
using Crm.Storage;
using Crm.Storage.Querying;
using NodaTime;

namespace Crm.Timeline;

/// <summary>
/// The stored state of an <see cref="Activity"/>: the list data a timeline shows. The full body
/// lives apart in <see cref="ActivityBodyData"/>; this record keeps its length and a preview.
/// </summary>
public sealed record ActivityData : AggregateData, IAggregateData<ActivityData>
{
    /// <summary>The longest <see cref="BodyPreview"/>.</summary>
    public const int PreviewLength = 256;

    private static readonly string[] KindNames = Names<ActivityKind>();
    private static readonly string[] DirectionNames = Names<ActivityDirection>();
    private static readonly string[] StatusNames = Names<ActivityStatus>();

    /// <summary>The activity's id.</summary>
    public required ActivityId Id { get; init; }

    /// <summary>What happened.</summary>
    public ActivityKind Kind { get; init; }

    /// <summary>The one-line subject.</summary>
    public string Subject { get; init; } = string.Empty;

    /// <summary>When it happened (for a task: when it was set); the timeline's order.</summary>
    public Instant OccurredAt { get; init; }

    /// <summary>Who started it.</summary>
    public ActivityDirection Direction { get; init; }

    /// <summary>The channel or tool, if recorded.</summary>
    public string? Channel { get; init; }

    /// <summary>How long it took, if recorded.</summary>
    public Duration? Duration { get; init; }

    /// <summary>The participants.</summary>
    public IReadOnlyList<ActivityParticipant> Participants { get; init; } = [];

    /// <summary>The records it concerns.</summary>
    public IReadOnlyList<RecordRef> Links { get; init; } = [];

    /// <summary>Open, completed or cancelled.</summary>
    public ActivityStatus Status { get; init; }

    /// <summary>When a task is due.</summary>
    public Instant? DueAt { get; init; }

    /// <summary>When to remind the owner.</summary>
    public Instant? RemindAt { get; init; }

    /// <summary>When it was completed.</summary>
    public Instant? CompletedAt { get; init; }

    /// <summary>The body's length in characters (0: no body).</summary>
    public int BodyLength { get; init; }

    /// <summary>The body's first characters, for lists.</summary>
    public string? BodyPreview { get; init; }

    /// <summary>Every record whose timeline shows the activity: its links and its participants' records.</summary>
    [JsonIgnore]
    public IEnumerable<RecordRef> TimelineRecords => Links.Concat(Participants.Where(p => p.Record is not null).Select(p => p.Record!.Value)).Distinct();

    /// <summary>Whether it is a task still to do.</summary>
    [JsonIgnore]
    public bool IsOpenTask => Kind == ActivityKind.Task && Status == ActivityStatus.Open;

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypes.Activity;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <inheritdoc />
    public static string EntityTypeName => EntityTypes.Activity;

    /// <inheritdoc />
    public static IEnumerable<RecordField<ActivityData>> DeclareFields() =>
    [
        RecordField.Enum<ActivityData>("kind", d => KindNames[(int)d.Kind], KindNames),
        RecordField.Enum<ActivityData>("direction", d => DirectionNames[(int)d.Direction], DirectionNames),
        RecordField.Enum<ActivityData>("status", d => StatusNames[(int)d.Status], StatusNames),
        RecordField.Text<ActivityData>("subject", d => d.Subject),
        RecordField.Text<ActivityData>("channel", d => d.Channel),
        RecordField.Instant<ActivityData>("occurredAt", d => d.OccurredAt),
        RecordField.Instant<ActivityData>("dueAt", d => d.DueAt),
        RecordField.Instant<ActivityData>("remindAt", d => d.RemindAt),
        RecordField.Instant<ActivityData>("completedAt", d => d.CompletedAt),
        RecordField.TextList<ActivityData>("records", d => d.TimelineRecords.Select(r => r.ToString())),
        RecordField.TextList<ActivityData>("openTaskRecords", d => d.IsOpenTask ? d.TimelineRecords.Select(r => r.ToString()) : []),
        RecordField.TextList<ActivityData>("participantAddresses", d => d.Participants.Where(p => p.Address is not null).Select(p => p.Address!)),
        RecordField.Text<ActivityData>("reminderOwner", d => d.Status == ActivityStatus.Open && d.RemindAt is not null ? d.OwnerId?.Value : null),
    ];

    /// <inheritdoc />
    public static IEnumerable<RecordIndex> DeclareIndexes() =>
    [
        new("activities_timeline", "records", [SortKey.Descending("occurredAt")]),
        new("activities_open_tasks", "openTaskRecords", [SortKey.Ascending("dueAt")]),
        new("activities_reminders", "reminderOwner", [SortKey.Ascending("remindAt")]),
    ];

    private static string[] Names<TEnum>() where TEnum : struct, Enum =>
        [.. Enum.GetValues<TEnum>().Select(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()))];
}
