using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Json;

/// <summary>Writes a currency as its ISO 4217 code.</summary>
public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    /// <inheritdoc />
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Currency.TryFromCode(reader.TokenType == JsonTokenType.String ? reader.GetString() : null, out var currency)
            ? currency
            : throw new JsonException("Expected an ISO 4217 currency code.");

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) => writer.WriteStringValue(value.Code);
}
