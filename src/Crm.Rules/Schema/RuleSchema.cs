using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Crm.Rules.Syntax;

namespace Crm.Rules.Schema;

/// <summary>
/// What a rule may refer to: the fields of a record and their types. Read from the JSON schema
/// document of docs/rules.md, or built in code.
/// </summary>
public sealed class RuleSchema
{
    private const int MaxNesting = 32;

    /// <summary>Creates a schema from its root record type.</summary>
    /// <param name="root">The fields of the records rules run over.</param>
    /// <param name="version">Identifies this schema in caches of compiled rules; change it when the schema changes.</param>
    public RuleSchema(RuleRecordType root, string version)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentException.ThrowIfNullOrEmpty(version);
        Root = root;
        Version = version;
    }

    /// <summary>The fields of the records rules run over.</summary>
    public RuleRecordType Root { get; }

    /// <summary>Identifies this schema in caches of compiled rules (a hash of the document for parsed schemas).</summary>
    public string Version { get; }

    /// <summary>The CLR type behind each record type, for schemas made by <see cref="Clr.ClrRuleSchema"/>.</summary>
    internal IReadOnlyDictionary<RuleRecordType, Clr.ClrRecord>? Clr { get; init; }

    /// <summary>Reads a schema document: <c>{"fields": {"tier": {"enum": ["A","B"]}, "totalSpend": "number", ...}}</c>.</summary>
    /// <param name="json">The document.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="RuleException">The document is not a valid schema; the message names the JSON path.</exception>
    public static RuleSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = (MaxNesting * 3) + 4 });
        }
        catch (JsonException e)
        {
            throw new RuleException(new RuleError((int)(e.LineNumber ?? 0) + 1, (int)(e.BytePositionInLine ?? 0) + 1, "the schema is not valid JSON: " + e.Message));
        }
        catch (ArgumentException e)
        {
            // A .NET string with a lone surrogate cannot be read as JSON text.
            throw new RuleException(new RuleError(1, 1, "the schema is not valid JSON: " + e.Message));
        }

        using (document)
        {
            var version = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.RootElement.GetRawText())))[..16];
            return new RuleSchema(Record(document.RootElement, "$", 0), version);
        }
    }

    private static RuleRecordType Record(JsonElement element, string path, int depth)
    {
        if (depth > MaxNesting)
        {
            throw Error(path, $"the schema nests deeper than {MaxNesting} records");
        }

        if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty("fields", out var fields) || fields.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "expected {\"fields\": {...}}");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name != "fields")
            {
                throw Error(path, $"unexpected property '{property.Name}' (a record has only \"fields\")");
            }
        }

        var result = new List<KeyValuePair<string, RuleType>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in fields.EnumerateObject())
        {
            var fieldPath = $"{path}.fields.{field.Name}";
            if (field.Name.Length == 0 || !(char.IsAsciiLetter(field.Name[0]) || field.Name[0] == '_') || !field.Name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw Error(fieldPath, $"'{field.Name}' is not a field name a rule can write (ASCII letters, digits and '_', not starting with a digit)");
            }

            if (!seen.Add(field.Name))
            {
                throw Error(fieldPath, $"the field '{field.Name}' is declared twice");
            }

            result.Add(new(field.Name, Type(field.Value, fieldPath, depth)));
        }

        return new RuleRecordType(result);
    }

    private static RuleType Type(JsonElement element, string path, int depth)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() switch
            {
                "string" => RuleType.String,
                "number" => RuleType.Number,
                "boolean" => RuleType.Boolean,
                "date" => RuleType.Date,
                "instant" => RuleType.Instant,
                "duration" => RuleType.Duration,
                "money" => RuleType.AnyMoney,
                var other => throw Error(path, $"unknown type '{other}'{Parser.Suggest(other ?? string.Empty, ["string", "number", "boolean", "date", "instant", "duration", "money"])}"),
            };
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, "expected a type name or an object ({\"enum\": [...]}, {\"list\": T}, {\"money\": \"EUR\"}, {\"fields\": {...}}, {\"collection\": {\"fields\": {...}}})");
        }

        var first = element.EnumerateObject().FirstOrDefault();
        if (element.EnumerateObject().Count() != 1)
        {
            throw Error(path, "a type object has exactly one property");
        }

        switch (first.Name)
        {
            case "enum":
                if (first.Value.ValueKind != JsonValueKind.Array || first.Value.GetArrayLength() == 0 || first.Value.EnumerateArray().Any(m => m.ValueKind != JsonValueKind.String))
                {
                    throw Error(path + ".enum", "expected a non-empty array of strings");
                }

                var members = first.Value.EnumerateArray().Select(m => m.GetString()!).ToList();
                return members.Distinct(StringComparer.Ordinal).Count() == members.Count
                    ? RuleType.Enum(members)
                    : throw Error(path + ".enum", "an enum member is listed twice");
            case "list":
                var element2 = Type(first.Value, path + ".list", depth + 1);
                return element2.IsScalar && element2.Kind != RuleTypeKind.Null
                    ? RuleType.List(element2)
                    : throw Error(path + ".list", "a list holds scalars; use {\"collection\": {\"fields\": ...}} for records");
            case "money":
                var code = first.Value.ValueKind == JsonValueKind.String ? first.Value.GetString()! : string.Empty;
                return code.Length == 3 && code.All(char.IsAsciiLetterUpper)
                    ? RuleType.Money(code)
                    : throw Error(path + ".money", "expected an ISO 4217 currency code such as \"EUR\"");
            case "fields":
                return RuleType.Record(Record(element, path, depth + 1));
            case "collection":
                return RuleType.Collection(Record(first.Value, path + ".collection", depth + 1));
            default:
                throw Error(path, $"unknown type object '{first.Name}' (known: enum, list, money, fields, collection)");
        }
    }

    private static RuleException Error(string path, string message) => new(new RuleError(1, 1, $"schema {path}: {message}"));
}
