using System.Text.Json;
using System.Text.Json.Serialization;

namespace Crm.Json;

/// <summary>Writes money as <c>{"amount": 12.30, "currency": "EUR"}</c>, the amount as an exact JSON number.</summary>
public sealed class MoneyJsonConverter : JsonConverter<Money>
{
    /// <inheritdoc />
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected {\"amount\": number, \"currency\": \"ISO code\"}.");
        }

        decimal? amount = null;
        string? code = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "amount":
                    amount = reader.GetDecimal();
                    break;
                case "currency":
                    code = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return amount is { } a && Currency.TryFromCode(code, out var currency)
            ? new Money(a, currency)
            : throw new JsonException("Money needs an amount and an ISO 4217 currency.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount", value.Amount);
        writer.WriteString("currency", value.Currency.Code);
        writer.WriteEndObject();
    }
}
