using System.Text.Json;
using Crm.Rules.Schema;
using NodaTime.Text;

namespace Crm.Rules.Evaluation;

/// <summary>Reads a declared field from a JSON record: absent and JSON null are null; a value of the wrong JSON type is a record error.</summary>
internal static class JsonFields
{
    public static RuleValue Read(JsonElement scope, IReadOnlyList<string> path, RuleType type)
    {
        var current = scope;
        for (var i = 0; i < path.Count; i++)
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                if (current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
                {
                    return RuleValue.Null;
                }

                throw new RecordErrorException($"'{string.Join('.', path.Take(i))}' should be an object, found {Describe(current)}");
            }

            if (!current.TryGetProperty(path[i], out current))
            {
                return RuleValue.Null;
            }
        }

        return Convert(current, type, path);
    }

    public static RuleValue Convert(JsonElement value, RuleType type, IReadOnlyList<string> path)
    {
        if (value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            return RuleValue.Null;
        }

        switch (type.Kind)
        {
            case RuleTypeKind.String:
                return RuleValue.Of(Text(value, path, "a string"));
            case RuleTypeKind.Enum:
                var member = Text(value, path, "a string");
                return type.Members.Contains(member, StringComparer.Ordinal)
                    ? RuleValue.Of(member)
                    : throw new RecordErrorException($"'{Name(path)}' holds {Syntax.RulePrinter.Quote(member)}, which is not a member of its enum");
            case RuleTypeKind.Number:
                return RuleValue.Of(Number(value, path));
            case RuleTypeKind.Boolean:
                return value.ValueKind switch
                {
                    JsonValueKind.True => RuleValue.True,
                    JsonValueKind.False => RuleValue.False,
                    _ => throw Wrong(path, "true or false", value),
                };
            case RuleTypeKind.Date:
                var date = LocalDatePattern.Iso.Parse(Text(value, path, "a date string"));
                return date.Success ? RuleValue.Of(date.Value) : throw new RecordErrorException($"'{Name(path)}' is not a date (YYYY-MM-DD): {value.GetRawText()}");
            case RuleTypeKind.Instant:
                var text = Text(value, path, "an instant string");
                var instant = InstantPattern.ExtendedIso.Parse(text);
                return instant.Success && text.EndsWith('Z') ? RuleValue.Of(instant.Value) : throw new RecordErrorException($"'{Name(path)}' is not an instant (ISO 8601 ending in Z): {value.GetRawText()}");
            case RuleTypeKind.Duration:
                var duration = DurationPattern.Roundtrip.Parse(Text(value, path, "a duration string"));
                return duration.Success ? RuleValue.Of(duration.Value) : throw new RecordErrorException($"'{Name(path)}' is not a duration (D:hh:mm:ss): {value.GetRawText()}");
            case RuleTypeKind.Money:
                return Money(value, type, path);
            case RuleTypeKind.List or RuleTypeKind.Collection:
                return value.ValueKind == JsonValueKind.Array ? RuleValue.Elements(type.Kind, value) : throw Wrong(path, "an array", value);
            default:
                throw Wrong(path, type.ToString(), value);
        }
    }

    private static RuleValue Money(JsonElement value, RuleType type, IReadOnlyList<string> path)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("amount", out var amount) || !value.TryGetProperty("currency", out var currency)
            || currency.ValueKind != JsonValueKind.String)
        {
            throw Wrong(path, "money ({\"amount\": 12.30, \"currency\": \"EUR\"})", value);
        }

        var code = currency.GetString()!;
        if (type.Currency is not null && !string.Equals(code, type.Currency, StringComparison.Ordinal))
        {
            throw new RecordErrorException($"'{Name(path)}' is in {code}; the schema declares {type.Currency}");
        }

        return RuleValue.Money(Number(amount, path), code);
    }

    private static decimal Number(JsonElement value, IReadOnlyList<string> path)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Wrong(path, "a number", value);
        }

        return value.TryGetDecimal(out var number)
            ? number
            : throw new RecordErrorException($"'{Name(path)}' holds {value.GetRawText()}, outside the range of a decimal");
    }

    private static string Text(JsonElement value, IReadOnlyList<string> path, string expected)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw Wrong(path, expected, value);
        }

        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw new RecordErrorException($"'{Name(path)}' is not valid Unicode text");
        }
    }

    private static string Name(IReadOnlyList<string> path) => path.Count == 0 ? "a list element" : string.Join('.', path);

    private static RecordErrorException Wrong(IReadOnlyList<string> path, string expected, JsonElement found) =>
        new($"'{Name(path)}' should be {expected}, found {Describe(found)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
