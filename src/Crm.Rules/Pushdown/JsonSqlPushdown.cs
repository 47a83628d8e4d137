using System.Globalization;
using System.Text;
using Crm.Rules.Checking;
using Crm.Rules.Evaluation;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;

namespace Crm.Rules.Pushdown;

/// <summary>
/// Translates what of a rule SQL can answer over a JSON document column into a <c>WHERE</c>
/// condition selecting a superset of the rule's matches; the caller evaluates the whole rule over
/// the rows returned. Every pushed comparison also keeps the rows whose value has the wrong JSON
/// type, so the evaluation still reports their record errors. See <see cref="Constructs"/>.
/// </summary>
internal sealed class JsonSqlPushdown
{
    private static readonly System.Text.Json.JsonElement NoRecord = System.Text.Json.JsonDocument.Parse("{}").RootElement;

    private readonly JsonSqlDialect _dialect;
    private readonly string _document;
    private readonly RunState _state;
    private readonly List<KeyValuePair<string, object>> _parameters = [];

    private JsonSqlPushdown(JsonSqlDialect dialect, string document, RunState state)
    {
        _dialect = dialect;
        _document = document;
        _state = state;
    }

    /// <summary>What is pushed, for each dialect (docs/rules.md, "Pushdown to SQL over JSON documents").</summary>
    public static IReadOnlyList<string> Constructs { get; } =
    [
        "and (pushable conjuncts; the rest is left to the re-check)",
        "or (when every branch pushes)",
        "not (when its operand pushes exactly)",
        "sub-rules without fields (true, today() = date(...)), folded to a constant",
        "a boolean field as a condition",
        "string or enum field =, != , <, <=, >, >= a constant (ordering only for constants without characters from U+D800)",
        "string or enum field in / not in a list of constants",
        "string field startsWith a constant",
        "boolean field = / != a constant",
        "number field =, <, <=, >, >= a constant (PostgreSQL exactly as numeric; SQLite as doubles widened by a relative 1e-12, so not exact)",
        "number field != a constant (PostgreSQL only)",
        "field is null / is not null",
        "list of strings contains a constant",
        "date field =, !=, <, <=, >, >= a constant date of years 0 to 9999 (as ISO text; the text is checked to be a date the evaluator reads)",
        "instant field =, !=, <, <=, >, >= a constant instant of years 0 to 9999, now() and today() folded (as ISO text with the fraction padded to nine digits; the text is checked to be an instant the evaluator reads; not exact: T24:00:00 is always kept)",
    ];

    public static RuleSql Translate(Bound rule, JsonSqlDialect dialect, string documentColumn, RunState state)
    {
        var pushdown = new JsonSqlPushdown(dialect, documentColumn, state);
        if (pushdown.Push(rule) is not { } pushed)
        {
            return new RuleSql("1 = 1", [], false);
        }

        return new RuleSql(pushed.Guard is null ? pushed.Condition : $"({pushed.Condition} OR {pushed.Guard})", pushdown._parameters, pushed.Exact);
    }

    /// <summary>
    /// A pushed sub-rule: <paramref name="Condition"/> is never NULL and, when <paramref name="Exact"/>,
    /// is the sub-rule's value for every row whose values have their fields' JSON types;
    /// <paramref name="Guard"/> holds for the rows with a value of another type.
    /// </summary>
    private sealed record Pushed(string Condition, string? Guard, bool Exact);

    private Pushed? Push(Bound node)
    {
        if (ReadsNoField(node))
        {
            return Constant(node);
        }

        switch (node)
        {
            case BoundLogical { IsAnd: true } and:
                // The evaluator runs conjuncts left to right and stops at the first false one. A conjunct
                // that does not push may still fail (a record error) wherever those before it hold, so
                // only the conjuncts before the first unpushable one are pushed; the re-check does the rest.
                var leading = new List<Pushed>();
                foreach (var operand in and.Operands)
                {
                    if (Push(operand) is not { } part)
                    {
                        break;
                    }

                    leading.Add(part);
                }

                return leading.Count == 0 ? null : Conjunction(leading, exact: leading.Count == and.Operands.Count);
            case BoundLogical or:
                var branches = or.Operands.Select(Push).ToList();
                return branches.Any(b => b is null) ? null : Disjunction(branches!);
            case BoundNot not when Push(not.Operand) is { Exact: true } operand:
                return operand with { Condition = $"NOT {operand.Condition}" };
            case BoundField { Type.Kind: RuleTypeKind.Boolean } flag when Field(flag) is { } field:
                return BooleanComparison(field, BinaryOperator.Equal, true);
            case BoundComparison comparison:
                return Comparison(comparison);
            case BoundIn inNode when Field(inNode.Operand) is { } field && field.Type.Kind is RuleTypeKind.String or RuleTypeKind.Enum
                && inNode.Items.Count is > 0 and <= 1_000 && inNode.Items.All(i => i.Text is { } t && Storable(t)):
                var list = string.Join(", ", inNode.Items.Select(i => Add(i.Text!)));
                var text = Text(field);
                return Leaf(field, inNode.Negated ? $"{text} IS NULL OR {text} NOT IN ({list})" : $"{text} IN ({list})");
            case BoundIsNull isNull when Field(isNull.Operand) is { Type.IsScalar: true } field:
                // json_type and jsonb_typeof say NULL for an absent member and 'null' for JSON null.
                var type = TypeOf(field);
                return Leaf(field, isNull.Negated ? $"{type} <> 'null'" : $"{type} IS NULL OR {type} = 'null'");
            default:
                return null;
        }
    }

    // The rows with a record error are those where a conjunct fails while every one before it held.
    private static Pushed Conjunction(IReadOnlyList<Pushed> parts, bool exact)
    {
        var guards = new List<string>();
        var before = new List<string>();
        foreach (var part in parts)
        {
            if (part.Guard is not null)
            {
                guards.Add(before.Count == 0 ? part.Guard : $"({string.Join(" AND ", before)} AND {part.Guard})");
            }

            before.Add(part.Condition);
        }

        return new Pushed("(" + string.Join(" AND ", parts.Select(p => p.Condition)) + ")", Any(guards), exact && parts.All(p => p.Exact));
    }

    // Likewise for or: a branch is evaluated where every one before it was false. "False" is only
    // known from an exact condition; after an inexact branch its guard counts everywhere.
    private static Pushed Disjunction(IReadOnlyList<Pushed> parts)
    {
        var guards = new List<string>();
        var before = new List<string>();
        foreach (var part in parts)
        {
            if (part.Guard is not null)
            {
                guards.Add(before.Count == 0 ? part.Guard : $"({string.Join(" AND ", before)} AND {part.Guard})");
            }

            if (part.Exact)
            {
                before.Add($"NOT {part.Condition}");
            }
        }

        return new Pushed("(" + string.Join(" OR ", parts.Select(p => p.Condition)) + ")", Any(guards), parts.All(p => p.Exact));
    }

    private static string? Any(List<string> guards) => guards.Count == 0 ? null : "(" + string.Join(" OR ", guards) + ")";

    // A sub-rule that reads no field has one value for every row: true, false, or an error for every row.
    private Pushed Constant(Bound node)
    {
        try
        {
            var value = JsonRuleCompiler.Compile(node, trace: false)(NoRecord, _state);
            return new Pushed(value is { Kind: RuleTypeKind.Boolean, Boolean: true } ? "1 = 1" : "1 = 0", null, true);
        }
        catch (RecordErrorException)
        {
            return new Pushed("1 = 0", "1 = 1", true);
        }
    }

    private static bool ReadsNoField(Bound node) => node switch
    {
        BoundField or BoundAggregate => false,
        BoundLiteral => true,
        BoundCall call => call.Arguments.All(ReadsNoField),
        BoundArithmetic arithmetic => ReadsNoField(arithmetic.Left) && ReadsNoField(arithmetic.Right),
        BoundNegate negate => ReadsNoField(negate.Operand),
        BoundNot not => ReadsNoField(not.Operand),
        BoundLogical logical => logical.Operands.All(ReadsNoField),
        BoundComparison comparison => ReadsNoField(comparison.Left) && ReadsNoField(comparison.Right),
        BoundIn inNode => ReadsNoField(inNode.Operand),
        BoundIsNull isNull => ReadsNoField(isNull.Operand),
        _ => false,
    };

    private Pushed? Comparison(BoundComparison comparison)
    {
        if (Field(comparison.Left) is not { } field || ConstantValue(comparison.Right) is not { } value || value.IsNull)
        {
            return null;
        }

        if (comparison.Test == StringTest.ListContains)
        {
            return field.Type.Kind == RuleTypeKind.List && field.Type.Element!.Kind == RuleTypeKind.String && value.Text is { } element && Storable(element)
                ? ListContains(field, element)
                : null;
        }

        return field.Type.Kind switch
        {
            RuleTypeKind.String or RuleTypeKind.Enum when value.Text is { } text && Storable(text) => TextComparison(field, comparison.Operator, text),
            RuleTypeKind.Boolean when value.Kind == RuleTypeKind.Boolean => BooleanComparison(field, comparison.Operator, value.Boolean),
            RuleTypeKind.Number when value.Kind == RuleTypeKind.Number => NumberComparison(field, comparison.Operator, value.Number),
            RuleTypeKind.Date when value.Kind == RuleTypeKind.Date && value.Date.Year is >= 0 and <= 9999
                => Ordered(field, comparison.Operator, DateKey(field), value.Date.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture)),
            RuleTypeKind.Instant when value.Kind == RuleTypeKind.Instant && value.Instant.InUtc() is { Year: >= 0 and <= 9999 } utc
                => Ordered(field, comparison.Operator, InstantKey(field), utc.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + utc.NanosecondOfSecond.ToString("D9", CultureInfo.InvariantCulture)),
            _ => null,
        };
    }

    // A comparison of a key (an SQL expression) with a constant parameter; '<>' keeps the rows whose
    // key is NULL, as the evaluator's "not equal" does. Dates and instants compare as text keys in a
    // form whose order is theirs: a valid date of years 0 to 9999 is its ISO text; an instant is its
    // text up to the seconds and then its fraction padded to nine digits; a negative year begins with
    // '-', below every digit. Text the evaluator would not read as a date or instant is a record
    // error and kept by the guard (Leaf).
    private Pushed? Ordered(BoundField field, BinaryOperator op, string key, object value)
    {
        var sql = op switch
        {
            BinaryOperator.Equal => $"{key} = {Add(value)}",
            BinaryOperator.NotEqual => $"{key} IS NULL OR {key} <> {Add(value)}",
            BinaryOperator.Less => $"{key} < {Add(value)}",
            BinaryOperator.LessOrEqual => $"{key} <= {Add(value)}",
            BinaryOperator.Greater => $"{key} > {Add(value)}",
            BinaryOperator.GreaterOrEqual => $"{key} >= {Add(value)}",
            _ => null,
        };
        return sql is null ? null : Leaf(field, sql);
    }

    private string DateKey(BoundField field) => Collated(Unsigned(BareText(field)));

    private string InstantKey(BoundField field)
    {
        var text = Unsigned(BareText(field));
        return Collated($"substr({text}, 1, 19) || substr((CASE WHEN length({text}) > 20 THEN substr({text}, 21, length({text}) - 21) ELSE '' END) || '000000000', 1, 9)");
    }

    // Year -0000 is year 0000: without its sign, so that it does not sort below every positive year.
    private static string Unsigned(string text) => $"(CASE WHEN substr({text}, 1, 5) = '-0000' THEN substr({text}, 2) ELSE {text} END)";

    private string Collated(string key) => _dialect == JsonSqlDialect.Sqlite ? $"({key})" : $"({key}) COLLATE \"C\"";

    private Pushed? TextComparison(BoundField field, BinaryOperator op, string value)
    {
        var text = Text(field);
        if (op is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual && value.Any(c => c >= '\uD800'))
        {
            // UTF-16 order (the rules') and code point order (the databases') differ only there.
            return null;
        }

        if (op == BinaryOperator.StartsWith)
        {
            return field.Type.Kind != RuleTypeKind.String ? null : Leaf(field, _dialect == JsonSqlDialect.Sqlite
                ? $"substr({text}, 1, length({Add(value)})) = {Add(value)}"
                : $"starts_with({text}, {Add(value)})");
        }

        return Ordered(field, op, text, value);
    }

    private Pushed? BooleanComparison(BoundField field, BinaryOperator op, bool value)
    {
        var type = TypeOf(field);
        var literal = value ? "true" : "false";
        var equal = _dialect == JsonSqlDialect.Sqlite ? $"{type} = '{literal}'" : $"{type} = 'boolean' AND {Raw(field)} = '{literal}'";
        return op switch
        {
            BinaryOperator.Equal => Leaf(field, equal),
            BinaryOperator.NotEqual => Leaf(field, $"NOT ({equal}) OR {type} IS NULL"),
            _ => null,
        };
    }

    private Pushed? NumberComparison(BoundField field, BinaryOperator op, decimal value)
    {
        if (_dialect == JsonSqlDialect.PostgreSql)
        {
            return Ordered(field, op, $"(CASE WHEN {TypeOf(field)} = 'number' THEN ({Raw(field)})::numeric END)", value);
        }

        // SQLite reads JSON numbers as 64-bit integers or doubles, whose parsing may differ from
        // .NET's by an ulp: the bounds are widened far beyond that, and the re-check decides.
        var (low, high) = Widen(value);
        var widened = op switch
        {
            BinaryOperator.Equal => $"{Extract(field)} BETWEEN {Add(low)} AND {Add(high)}",
            BinaryOperator.Less or BinaryOperator.LessOrEqual => $"{Extract(field)} <= {Add(high)}",
            BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => $"{Extract(field)} >= {Add(low)}",
            _ => null,
        };
        return widened is null ? null : Leaf(field, widened) with { Exact = false };
    }

    private Pushed ListContains(BoundField field, string element)
    {
        // A null element is no error (it equals nothing); an element of another type is.
        if (_dialect == JsonSqlDialect.Sqlite)
        {
            var path = Add(Path(field.Path));
            return new Pushed(
                $"EXISTS (SELECT 1 FROM json_each({_document}, {path}) e WHERE e.value = {Add(element)} AND e.type = 'text')",
                $"(json_type({_document}, {path}) NOT IN ('array', 'null') OR EXISTS (SELECT 1 FROM json_each({_document}, {path}) e WHERE e.type NOT IN ('text', 'null')){Parents(field)})",
                true);
        }

        var list = $"({_document} #> {Add(field.Path.ToArray())})";
        return new Pushed(
            $"COALESCE({list} @> jsonb_build_array({Add(element)}::text), FALSE)",
            $"(jsonb_typeof({list}) NOT IN ('array', 'null') OR EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof({list}) = 'array' THEN {list} END) e WHERE jsonb_typeof(e) NOT IN ('string', 'null')){Parents(field)})",
            true);
    }

    // A condition on one field made two-valued (NULL is false, as the rules' comparisons with null are),
    // with the rows where reading the field is a record error the re-check must report: a value of
    // another JSON type, an enum text that is no member, a number a decimal cannot hold, a parent
    // that is not an object.
    private Pushed Leaf(BoundField field, string condition)
    {
        var type = TypeOf(field);
        var expected = (field.Type.Kind, _dialect) switch
        {
            (RuleTypeKind.String or RuleTypeKind.Enum or RuleTypeKind.Date or RuleTypeKind.Instant, JsonSqlDialect.Sqlite) => "'text', 'null'",
            (RuleTypeKind.String or RuleTypeKind.Enum or RuleTypeKind.Date or RuleTypeKind.Instant, _) => "'string', 'null'",
            (RuleTypeKind.Number, JsonSqlDialect.Sqlite) => "'integer', 'real', 'null'",
            (RuleTypeKind.Number, _) => "'number', 'null'",
            (RuleTypeKind.Boolean, JsonSqlDialect.Sqlite) => "'true', 'false', 'null'",
            _ => "'boolean', 'null'",
        };
        var guard = $"{type} NOT IN ({expected})";
        if (field.Type.Kind == RuleTypeKind.Enum)
        {
            guard += $" OR {Text(field)} NOT IN ({string.Join(", ", field.Type.Members.Select(m => Add(m)))})";
        }

        if (field.Type.Kind is RuleTypeKind.Date or RuleTypeKind.Instant)
        {
            var text = BareText(field);
            guard += $" OR ({type} = {(_dialect == JsonSqlDialect.Sqlite ? "'text'" : "'string'")} AND NOT {IsoText(text, field.Type.Kind == RuleTypeKind.Instant)})";
            if (_dialect == JsonSqlDialect.Sqlite)
            {
                // NodaTime reads up to a NUL character, SQLite's GLOB and length() too, but its
                // comparisons read on: such text is kept whatever the comparison says.
                guard += $" OR instr({text}, char(0)) > 0";
            }
        }

        if (field.Type.Kind == RuleTypeKind.Number)
        {
            // Beyond System.Decimal's range the evaluator fails; with more than 28 digits it rounds, which
            // an exact numeric comparison would not: both stay with the re-check.
            guard += _dialect == JsonSqlDialect.Sqlite
                ? $" OR ({type} = 'real' AND abs({Extract(field)}) >= 7.9e28)"
                : $" OR ({type} = 'number' AND (abs(({Raw(field)})::numeric) > 79228162514264337593543950335 OR length(regexp_replace({Raw(field)}, '[^0-9]', '', 'g')) > 28))";
        }

        // The guard of an instant also keeps the valid hour 24 (T24:00:00 is the next midnight), which
        // its text key cannot order: not exact.
        return new Pushed($"COALESCE(({condition}), {(_dialect == JsonSqlDialect.Sqlite ? "0" : "FALSE")})", $"({guard}{Parents(field)})", field.Type.Kind != RuleTypeKind.Instant);
    }

    // Each enclosing record must be an object (or null); the evaluator reports anything else.
    private string Parents(BoundField field)
    {
        var parents = new StringBuilder();
        for (var length = 1; length < field.Path.Count; length++)
        {
            var prefix = field.Path.Take(length).ToArray();
            var type = _dialect == JsonSqlDialect.Sqlite
                ? $"json_type({_document}, {Add(Path(prefix))})"
                : $"jsonb_typeof({_document} #> {Add(prefix)})";
            parents.Append(CultureInfo.InvariantCulture, $" OR {type} NOT IN ('object', 'null')");
        }

        return parents.ToString();
    }

    private string Text(BoundField field) => _dialect == JsonSqlDialect.Sqlite ? BareText(field) : $"{BareText(field)} COLLATE \"C\"";

    private string BareText(BoundField field) => _dialect == JsonSqlDialect.Sqlite
        ? $"(CASE WHEN {TypeOf(field)} = 'text' THEN {Extract(field)} END)"
        : $"(CASE WHEN {TypeOf(field)} = 'string' THEN {Raw(field)} END)";

    // True when the text is what LocalDatePattern.Iso (uuuu-MM-dd) or, for instants,
    // InstantPattern.ExtendedIso with a final Z reads: years -9998 to 9999, a real day of the month,
    // hours to 23 (the hour 24 it also reads is left to the re-check), minutes and seconds to 59,
    // up to nine fraction digits after '.' or ','. Shapes
    // are matched before any substring is read as a number, so no text makes the query fail.
    private string IsoText(string text, bool instant) =>
        $"({IsoTextWithSign(text, instant, negative: false)} OR {IsoTextWithSign(text, instant, negative: true)})";

    private string IsoTextWithSign(string t, bool instant, bool negative)
    {
        var s = negative ? 1 : 0;
        var sign = negative ? "-" : string.Empty;
        string shape;
        if (_dialect == JsonSqlDialect.Sqlite)
        {
            const string Date = "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]";
            shape = instant
                ? $"{t} GLOB '{sign}{Date}T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*Z' AND (length({t}) = {20 + s} OR (substr({t}, {20 + s}, 1) IN ('.', ',') AND length({t}) BETWEEN {22 + s} AND {30 + s} AND substr({t}, {21 + s}, length({t}) - {21 + s}) NOT GLOB '*[^0-9]*'))"
                : $"{t} GLOB '{sign}{Date}'";
        }
        else
        {
            const string Date = "[0-9]{4}-[0-9]{2}-[0-9]{2}";
            shape = instant ? $"{t} ~ '^{sign}{Date}T[0-9]{{2}}:[0-9]{{2}}:[0-9]{{2}}([.,][0-9]{{1,9}})?Z$'" : $"{t} ~ '^{sign}{Date}$'";
        }

        string Number(int start, int length) => _dialect == JsonSqlDialect.Sqlite
            ? $"CAST(substr({t}, {start}, {length}) AS INTEGER)"
            : $"substr({t}, {start}, {length})::int";

        var year = Number(1, 4 + s);
        var month = Number(6 + s, 2);
        var day = Number(9 + s, 2);
        var lastDay = $"CASE WHEN {month} = 2 THEN (CASE WHEN {year} % 4 = 0 AND ({year} % 100 <> 0 OR {year} % 400 = 0) THEN 29 ELSE 28 END) WHEN {month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END";
        var checks = $"{month} BETWEEN 1 AND 12 AND {day} BETWEEN 1 AND ({lastDay})";
        if (negative)
        {
            checks += $" AND {year} >= -9998";
        }

        if (instant)
        {
            checks += $" AND {Number(12 + s, 2)} <= 23 AND {Number(15 + s, 2)} <= 59 AND {Number(18 + s, 2)} <= 59";
        }

        return $"(CASE WHEN {shape} THEN ({checks}) ELSE {(_dialect == JsonSqlDialect.Sqlite ? "0" : "FALSE")} END)";
    }

    private string Extract(BoundField field) => $"json_extract({_document}, {Add(Path(field.Path))})";

    private string Raw(BoundField field) => $"({_document} #>> {Add(field.Path.ToArray())})";

    private string TypeOf(BoundField field) => _dialect == JsonSqlDialect.Sqlite
        ? $"json_type({_document}, {Add(Path(field.Path))})"
        : $"jsonb_typeof({_document} #> {Add(field.Path.ToArray())})";

    private static string Path(IReadOnlyList<string> names)
    {
        var path = new StringBuilder("$");
        foreach (var name in names)
        {
            path.Append(".\"").Append(name.Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        }

        return path.ToString();
    }

    private string Add(object value)
    {
        var name = "@r" + _parameters.Count.ToString(CultureInfo.InvariantCulture);
        _parameters.Add(new(name, value));
        return name;
    }

    private static (double Low, double High) Widen(decimal value)
    {
        // Relative for ordinary numbers; absolute near zero, where the evaluator's rounding to 28 places is larger.
        var number = (double)value;
        var margin = Math.Max(Math.Abs(number) * 1e-12, 1e-27);
        return (number - margin, number + margin);
    }

    // PostgreSQL text cannot hold NUL; such constants stay with the re-check everywhere.
    private static bool Storable(string text) => !text.Contains('\0', StringComparison.Ordinal);

    private static BoundField? Field(Bound operand) =>
        operand is BoundField field && field.Type.Kind is RuleTypeKind.String or RuleTypeKind.Enum or RuleTypeKind.Number or RuleTypeKind.Boolean or RuleTypeKind.List
            or RuleTypeKind.Date or RuleTypeKind.Instant ? field : null;

    private RuleValue? ConstantValue(Bound node) => FilterPushdown.Constant(node, _state);
}
