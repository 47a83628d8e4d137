using System.Text.Json.Serialization;
using Crm.Customers;
using Crm.Storage;
using Crm.Storage.Querying;

namespace Crm.Timeline;

/// <summary>
/// The full body of an activity (an email's text, meeting minutes), stored apart from the
/// timeline's list data under the activity's id, and read only when someone opens the activity.
/// </summary>
public sealed record ActivityBodyData : AggregateData, IAggregateData<ActivityBodyData>
{
    /// <summary>The plain text media type.</summary>
    public const string PlainText = "text/plain";

    /// <summary>The HTML media type.</summary>
    public const string Html = "text/html";

    /// <summary>The longest body, in characters.</summary>
    public const int MaxLength = 4 * 1024 * 1024;

    /// <summary>The activity's id.</summary>
    public required ActivityId Id { get; init; }

    /// <summary>The media type: <see cref="PlainText"/> or <see cref="Html"/>.</summary>
    public string ContentType { get; init; } = PlainText;

    /// <summary>The text.</summary>
    public string Text { get; init; } = string.Empty;

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypes.ActivityBody;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <inheritdoc />
    public static string EntityTypeName => EntityTypes.ActivityBody;

    /// <inheritdoc />
    public static IEnumerable<RecordField<ActivityBodyData>> DeclareFields() => [];
}
