namespace Crm.Rules;

/// <summary>The SQL databases a rule translates to a condition over a JSON document column for.</summary>
public enum JsonSqlDialect
{
    /// <summary>SQLite (JSON as text, read with <c>json_extract</c> and <c>json_each</c>).</summary>
    Sqlite,

    /// <summary>PostgreSQL (a <c>jsonb</c> column).</summary>
    PostgreSql,
}

/// <summary>
/// A <c>WHERE</c> condition that selects a superset of the rows whose JSON document a rule matches,
/// plus the rows whose values have the wrong JSON type (so evaluating the rule over the rows
/// returned still reports their record errors). Run the rule over every row returned: what did not
/// push is decided there.
/// </summary>
/// <param name="Where">The condition; <c>1 = 1</c> when nothing pushes.</param>
/// <param name="Parameters">The parameters the condition names (<c>@r0</c>, <c>@r1</c>, ...), with their values: strings, decimals, doubles, string arrays (PostgreSQL paths).</param>
/// <param name="Exact">Whether every construct of the rule was pushed exactly: the condition then selects precisely the matching rows and the rows with record errors.</param>
public sealed record RuleSql(string Where, IReadOnlyList<KeyValuePair<string, object>> Parameters, bool Exact)
{
    /// <summary>The constructs that push down, with their limits (docs/rules.md, "Pushdown to SQL over JSON documents").</summary>
    public static IReadOnlyList<string> Constructs => Pushdown.JsonSqlPushdown.Constructs;
}
