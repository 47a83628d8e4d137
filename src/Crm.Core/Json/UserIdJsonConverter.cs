using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Json;

/// <summary>Writes a <see cref="UserId"/> as its string.</summary>
public sealed class UserIdJsonConverter : JsonConverter<UserId>
{
    /// <inheritdoc />
    public override UserId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return new UserId(reader.GetString()!);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, UserId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
