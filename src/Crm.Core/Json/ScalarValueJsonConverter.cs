using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.CustomFields;
using NodaTime.Text;

namespace Crm.Json;

/// <summary>
/// Writes a custom field value as a plain JSON value: text and choices as strings, numbers as exact
/// numbers, booleans, dates as <c>"2026-01-31"</c>, instants as <c>"2026-01-31T10:00:00Z"</c>. Read
/// back, dates and instants are text until a commit validates them against the schema, which
/// converts them.
/// </summary>
public sealed class ScalarValueJsonConverter : JsonConverter<ScalarValue>
{
    /// <inheritdoc />
    public override ScalarValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => ScalarValue.Text(reader.GetString()!),
        JsonTokenType.Number => ScalarValue.Number(reader.GetDecimal()),
        JsonTokenType.True => ScalarValue.Boolean(true),
        JsonTokenType.False => ScalarValue.Boolean(false),
        _ => throw new JsonException($"A custom field value must be a string, number or boolean, not {reader.TokenType}."),
    };

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ScalarValue value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value.Kind)
        {
            case ScalarKind.Number:
                writer.WriteNumberValue(value.AsNumber());
                break;
            case ScalarKind.Boolean:
                writer.WriteBooleanValue(value.AsBoolean());
                break;
            case ScalarKind.Date:
                writer.WriteStringValue(LocalDatePattern.Iso.Format(value.AsDate()));
                break;
            case ScalarKind.Instant:
                writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value.AsInstant()));
                break;
            default:
                writer.WriteStringValue(value.AsText());
                break;
        }
    }
}
