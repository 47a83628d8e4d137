using System.Text.Json;
using Crm.Rules.Evaluation;

namespace Crm.Rules.Clr;

/// <summary>An enum value's name as the JSON contract writes it (camelCase), looked up without allocating.</summary>
internal static class EnumText<TEnum>
    where TEnum : struct, Enum
{
    private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
        .DistinctBy(v => v)
        .ToDictionary(v => v, v => JsonNamingPolicy.CamelCase.ConvertName(Enum.GetName(v)!));

    // Members numbered 0 to n - 1 in an int enum (the usual shape): compiled rules test membership as a range.
    private static readonly bool Dense = Enum.GetUnderlyingType(typeof(TEnum)) == typeof(int)
        && Names.Keys.Select(v => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture)).Order().SequenceEqual(Enumerable.Range(0, Names.Count).Select(i => (long)i));

    public static string Of(TEnum value) => Names.TryGetValue(value, out var name)
        ? name
        : throw new RecordErrorException(NotAMember(value));

    public static string? Of(TEnum? value) => value.HasValue ? Of(value.Value) : null;

    /// <summary>Whether the value is a named member (compiled rules test an enum with <see cref="DenseCount"/> inline instead).</summary>
    [NoRecordError]
    public static bool IsDefined(TEnum value) => Names.ContainsKey(value);

    /// <summary>n when the members are 0 to n - 1 of an int enum, for compiled rules to test membership inline; otherwise null.</summary>
    public static int? DenseCount => Dense ? Names.Count : null;

    /// <summary>The record error's message for a value that is no member.</summary>
    [NoRecordError]
    public static string NotAMember(TEnum value) => $"{value} is not a member of {typeof(TEnum).Name}";

    public static TEnum Parse(string name) => Names.First(p => string.Equals(p.Value, name, StringComparison.Ordinal)).Key;
}
