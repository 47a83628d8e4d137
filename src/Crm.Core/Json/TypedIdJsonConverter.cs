using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Json;

/// <summary>Writes a typed id as its UUID string.</summary>
/// <typeparam name="TId">The id type.</typeparam>
public sealed class TypedIdJsonConverter<TId> : JsonConverter<TId> where TId : struct, ITypedId<TId>
{
    /// <inheritdoc />
    public override TId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out var guid)
            ? TId.FromGuid(guid)
            : throw new JsonException($"Expected a UUID string for {typeof(TId).Name}.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Value);

    /// <inheritdoc />
    public override TId ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader, typeToConvert, options);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, TId value, JsonSerializerOptions options) => writer.WritePropertyName(value.Value.ToString("D"));
}
