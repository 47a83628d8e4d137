using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Rules.Schema;
using NodaTime;

namespace Crm.Rules.Clr;

/// <summary>
/// Builds a rule schema from a CLR type, so rules compile to delegates over instances of it: public
/// readable properties become fields under their camelCase JSON names. Mapped: <c>string</c>;
/// <c>decimal</c>, <c>int</c>, <c>long</c> (numbers); <c>bool</c>; NodaTime <c>LocalDate</c>,
/// <c>Instant</c>, <c>Duration</c>; enums (members under their camelCase names, as the JSON contract
/// writes them); <c>IReadOnlyList</c> of strings or numbers (lists) and of classes (collections);
/// other classes (nested records). Properties of other types, and those marked
/// <c>[JsonIgnore]</c>, are not fields.
/// </summary>
public static class ClrRuleSchema
{
    private const int MaxNesting = 6;

    /// <summary>The schema of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The record type rules will run over.</typeparam>
    /// <returns>The schema; its version names the type.</returns>
    public static RuleSchema For<T>() => For(typeof(T));

    /// <summary>The schema of a CLR type.</summary>
    /// <param name="type">The record type rules will run over.</param>
    /// <returns>The schema; its version names the type.</returns>
    public static RuleSchema For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var records = new Dictionary<RuleRecordType, ClrRecord>();
        var root = Record(type, records, 0);
        return new RuleSchema(root, "clr:" + type.FullName) { Clr = records };
    }

    internal static string FieldName(PropertyInfo property) => JsonNamingPolicy.CamelCase.ConvertName(property.Name);

    private static RuleRecordType Record(Type type, Dictionary<RuleRecordType, ClrRecord> records, int depth)
    {
        var fields = new List<KeyValuePair<string, RuleType>>();
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetMethod is null || property.GetCustomAttribute<JsonIgnoreAttribute>() is not null)
            {
                continue;
            }

            var name = FieldName(property);
            if (properties.ContainsKey(name) || Map(property.PropertyType, records, depth) is not { } ruleType)
            {
                continue;
            }

            fields.Add(new(name, ruleType));
            properties[name] = property;
        }

        var record = new RuleRecordType(fields);
        records[record] = new ClrRecord(type, properties);
        return record;
    }

    private static RuleType? Map(Type type, Dictionary<RuleRecordType, ClrRecord> records, int depth)
    {
        var scalar = Scalar(type);
        if (scalar is not null)
        {
            return scalar;
        }

        if (Element(type) is { } element)
        {
            // Lists the compiled rules read without conversion: strings and decimals.
            if (element == typeof(string) || element == typeof(decimal))
            {
                return RuleType.List(Scalar(element)!);
            }

            if (Scalar(element) is not null)
            {
                return null;
            }

            return element.IsClass && element != typeof(string) && depth < MaxNesting ? RuleType.Collection(Record(element, records, depth + 1)) : null;
        }

        return type.IsClass && type != typeof(string) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(type) && depth < MaxNesting
            ? RuleType.Record(Record(type, records, depth + 1))
            : null;
    }

    internal static RuleType? Scalar(Type type)
    {
        var bare = Nullable.GetUnderlyingType(type) ?? type;
        if (bare == typeof(string))
        {
            return RuleType.String;
        }

        if (bare == typeof(decimal) || bare == typeof(int) || bare == typeof(long))
        {
            return RuleType.Number;
        }

        if (bare == typeof(bool))
        {
            return RuleType.Boolean;
        }

        if (bare == typeof(LocalDate))
        {
            return RuleType.Date;
        }

        if (bare == typeof(Instant))
        {
            return RuleType.Instant;
        }

        if (bare == typeof(Duration))
        {
            return RuleType.Duration;
        }

        return bare.IsEnum ? RuleType.Enum(Enum.GetNames(bare).Select(JsonNamingPolicy.CamelCase.ConvertName)) : null;
    }

    /// <summary>The element type of an <c>IReadOnlyList&lt;T&gt;</c> (or a type implementing it).</summary>
    internal static Type? Element(Type type)
    {
        // A struct list (ImmutableArray) would be boxed on every read through the interface.
        if (type == typeof(string) || type.IsValueType)
        {
            return null;
        }

        var list = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IReadOnlyList<>));
        return list?.GetGenericArguments()[0];
    }
}
