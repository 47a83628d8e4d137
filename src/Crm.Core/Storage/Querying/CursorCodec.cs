using System.Buffers.Text;
using System.Text.Json;
using Crm.CustomFields;
using NodaTime;

namespace Crm.Storage.Querying;

/// <summary>Encodes a keyset position as an opaque, URL-safe cursor tied to the query's sort.</summary>
internal static class CursorCodec
{
    public static string Encode(KeysetPosition position, IReadOnlyList<SortKey> sort)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("s", Signature(sort));
            writer.WriteStartArray("v");
            foreach (var value in position.Values)
            {
                if (value is null)
                {
                    writer.WriteNullValue();
                    continue;
                }

                writer.WriteStartArray();
                writer.WriteNumberValue((int)value.Kind);
                switch (value.Kind)
                {
                    case ScalarKind.Text:
                        writer.WriteStringValue(value.AsText());
                        break;
                    case ScalarKind.Number:
                        writer.WriteNumberValue(value.AsNumber());
                        break;
                    case ScalarKind.Boolean:
                        writer.WriteBooleanValue(value.AsBoolean());
                        break;
                    case ScalarKind.Date:
                        writer.WriteNumberValue(value.AsDate().ToDateOnly().DayNumber);
                        break;
                    default:
                        writer.WriteNumberValue(value.AsInstant().ToUnixTimeTicks());
                        break;
                }

                writer.WriteEndArray();
            }

            writer.WriteEndArray();
            writer.WriteString("id", position.Id);
            writer.WriteEndObject();
        }

        return Base64Url.EncodeToString(stream.ToArray());
    }

    public static KeysetPosition? TryDecode(string cursor, IReadOnlyList<SortKey> sort)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (root.GetProperty("s").GetString() != Signature(sort))
            {
                return null;
            }

            var values = new List<ScalarValue?>();
            foreach (var item in root.GetProperty("v").EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Null && (item.ValueKind != JsonValueKind.Array || item.GetArrayLength() != 2))
                {
                    return null;
                }

                values.Add(item.ValueKind == JsonValueKind.Null ? null : ReadValue(item));
            }

            return values.Count == sort.Count ? new KeysetPosition(values, root.GetProperty("id").GetGuid()) : null;
        }
        catch (Exception e) when (e is FormatException or JsonException or InvalidOperationException or KeyNotFoundException or ArgumentException or OverflowException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static readonly long MinTicks = Instant.MinValue.ToUnixTimeTicks();
    private static readonly long MaxTicks = Instant.MaxValue.ToUnixTimeTicks();

    private static ScalarValue ReadValue(JsonElement item) => (ScalarKind)item[0].GetInt32() switch
    {
        ScalarKind.Text => ScalarValue.Text(item[1].GetString()!),
        ScalarKind.Number => ScalarValue.Number(item[1].GetDecimal()),
        ScalarKind.Boolean => ScalarValue.Boolean(item[1].GetBoolean()),
        ScalarKind.Date => ScalarValue.Date(LocalDate.FromDateOnly(DateOnly.FromDayNumber(item[1].GetInt32()))),
        ScalarKind.Instant when item[1].GetInt64() < MinTicks || item[1].GetInt64() > MaxTicks => throw new FormatException("Instant out of range in cursor."),
        ScalarKind.Instant => ScalarValue.Instant(Instant.FromUnixTimeTicks(item[1].GetInt64())),
        _ => throw new FormatException("Unknown value kind in cursor."),
    };

    private static string Signature(IReadOnlyList<SortKey> sort) =>
        string.Join(',', sort.Select(k => k.Field + (k.Direction == SortDirection.Descending ? ":desc" : ":asc")));
}
