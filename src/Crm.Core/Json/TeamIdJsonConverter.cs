using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Json;

/// <summary>Writes a <see cref="TeamId"/> as its string.</summary>
public sealed class TeamIdJsonConverter : JsonConverter<TeamId>
{
    /// <inheritdoc />
    public override TeamId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return new TeamId(reader.GetString()!);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new JsonException(e.Message, e);
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TeamId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);
}
