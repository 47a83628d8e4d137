namespace Crm.Rules.Syntax;

/// <summary>
/// The closed table of names a rule may call: the only way from a rule to code. Anything not listed
/// here is an error, never a lookup by name.
/// </summary>
internal static class Functions
{
    public static readonly IReadOnlyDictionary<string, int> Arity = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["lower"] = 1,
        ["upper"] = 1,
        ["trim"] = 1,
        ["length"] = 1,
        ["coalesce"] = 2,
        ["date"] = 1,
        ["instant"] = 1,
        ["days"] = 1,
        ["hours"] = 1,
        ["minutes"] = 1,
        ["now"] = 0,
        ["today"] = 0,
    };

    public static readonly IReadOnlyDictionary<string, AggregateKind> Aggregates = new Dictionary<string, AggregateKind>(StringComparer.Ordinal)
    {
        ["any"] = AggregateKind.Any,
        ["all"] = AggregateKind.All,
        ["count"] = AggregateKind.Count,
        ["sum"] = AggregateKind.Sum,
        ["min"] = AggregateKind.Min,
        ["max"] = AggregateKind.Max,
        ["avg"] = AggregateKind.Avg,
    };

    /// <summary>Words that are operators or literals at the start of a path; after a '.' they are field names.</summary>
    public static readonly IReadOnlySet<string> Keywords = new HashSet<string>(StringComparer.Ordinal)
    {
        "and", "or", "not", "in", "is", "null", "true", "false", "contains", "startsWith", "endsWith", "where",
    };

    public static string Name(AggregateKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The exact spelling of a keyword or function written in another casing, if it is one.</summary>
    public static string? Respelling(string word)
    {
        foreach (var known in Keywords.Concat(Arity.Keys).Concat(Aggregates.Keys))
        {
            if (!string.Equals(known, word, StringComparison.Ordinal) && string.Equals(known, word, StringComparison.OrdinalIgnoreCase))
            {
                return known;
            }
        }

        return null;
    }
}
