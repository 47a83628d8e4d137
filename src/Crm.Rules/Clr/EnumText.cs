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

    public static string Of(TEnum value) => Names.TryGetValue(value, out var name)
        ? name
        : throw new RecordErrorException($"{value} is not a member of {typeof(TEnum).Name}");

    public static string? Of(TEnum? value) => value.HasValue ? Of(value.Value) : null;

    public static TEnum Parse(string name) => Names.First(p => string.Equals(p.Value, name, StringComparison.Ordinal)).Key;
}
