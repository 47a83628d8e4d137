using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Json;

/// <summary>Writes a <see cref="BusinessUnitId"/> as its string.</summary>
public sealed class BusinessUnitIdJsonConverter : JsonConverter<BusinessUnitId>
{
    /// <inheritdoc />
    public override BusinessUnitId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return new BusinessUnitId(reader.GetString()!);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, BusinessUnitId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
