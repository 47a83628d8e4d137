using System.Text.Json;
using Crm.CustomFields;
using Crm.Customers;
using Crm.Rules.Checking;
using Crm.Rules.Evaluation;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;
using Crm.Storage;
using Crm.Storage.Querying;
using NodaTime;

namespace Crm.Rules.Pushdown;

/// <summary>
/// Translates what of a rule the storage filter model can answer exactly into a <see cref="Filter"/>
/// that selects a superset of the rule's matches: the pushable top-level conjuncts (an <c>or</c> only
/// when every branch pushes), each with the filter model's own semantics, which docs/rules.md maps
/// construct by construct. The caller evaluates the whole rule over what the store returns.
/// </summary>
internal static class FilterPushdown
{
    private static readonly JsonElement NoRecord = JsonDocument.Parse("{}").RootElement;

    /// <summary>What is pushed into the storage filter model (every store takes all of it; docs/rules.md, "Pushdown to the stores").</summary>
    public static IReadOnlyList<string> Constructs { get; } =
    [
        "and (pushable conjuncts; the rest is left to the re-check)",
        "or (when every branch pushes)",
        "field =, != a constant (Equal, NotEqual)",
        "field = null, != null, is null, is not null (IsNull, IsNotNull)",
        "field <, <=, >, >= a constant (text bounds only without characters from U+D800; instants widened to whole microseconds)",
        "field in / not in a list of constants (In; NotEqual for each)",
        "text field startsWith a constant (StartsWith)",
        "list field contains a constant (Equal on the list)",
        "now(), today(), date(), instant() and arithmetic on them, folded into the constant",
    ];

    public static Filter? Translate<TData>(Bound rule, RunState state)
        where TData : AggregateData
    {
        var fields = RecordFields.For<TData>();
        return Push(rule, fields, state, topLevel: true);
    }

    private static Filter? Push<TData>(Bound node, IReadOnlyDictionary<string, RecordField<TData>> fields, RunState state, bool topLevel)
        where TData : AggregateData
    {
        switch (node)
        {
            case BoundLogical { IsAnd: true } and:
                // A conjunct that does not push only widens the selection; the rule re-checks every row.
                var pushed = and.Operands.Select(o => Push(o, fields, state, topLevel)).Where(f => f is not null).Select(f => f!).ToList();
                return pushed.Count == 0 ? null : pushed.Count == 1 ? pushed[0] : Filter.And(pushed);
            case BoundLogical or:
                var branches = or.Operands.Select(o => Push(o, fields, state, topLevel: false)).ToList();
                return branches.Any(b => b is null) ? null : Filter.Or(branches!);
            case BoundComparison comparison:
                return Comparison(comparison, fields, state);
            case BoundIn inNode when Field(inNode.Operand, fields) is { } field:
                var values = inNode.Items.Select(i => Scalar(i, field.Kind)).ToList();
                if (values.Any(v => v is null) || values.Count is 0 or > 1_000)
                {
                    return null;
                }

                // not in: absent or different from each value, which is NotEqual's meaning on a single-valued field.
                return !inNode.Negated
                    ? Filter.In(field.Name, values.Select(v => v!))
                    : field.IsList ? null : Filter.And(values.Select(v => Filter.NotEqual(field.Name, v!)));
            case BoundIsNull isNull when Field(isNull.Operand, fields) is { IsList: false } field:
                return isNull.Negated ? Filter.IsNotNull(field.Name) : Filter.IsNull(field.Name);
            default:
                return null;
        }
    }

    private static Filter? Comparison<TData>(BoundComparison comparison, IReadOnlyDictionary<string, RecordField<TData>> fields, RunState state)
        where TData : AggregateData
    {
        if (Field(comparison.Left, fields) is not { } field || Constant(comparison.Right, state) is not { } value)
        {
            return null;
        }

        if (value.IsNull)
        {
            return comparison.Operator switch
            {
                BinaryOperator.Equal when !field.IsList => Filter.IsNull(field.Name),
                BinaryOperator.NotEqual when !field.IsList => Filter.IsNotNull(field.Name),
                _ => null,
            };
        }

        if (comparison.Test == StringTest.ListContains)
        {
            return field.IsList && Scalar(value, field.Kind) is { } element ? Filter.Equal(field.Name, element) : null;
        }

        if (field.IsList)
        {
            return null;
        }

        if (comparison.Operator == BinaryOperator.StartsWith)
        {
            return field.Kind == ScalarKind.Text && !value.Text!.Contains('\0', StringComparison.Ordinal) ? Filter.StartsWith(field.Name, value.Text) : null;
        }

        // Stores keep instants to the microsecond: a bound between two microseconds is widened
        // outwards (a lower bound down, an upper bound up), so the selection stays a superset.
        if (field.Kind == ScalarKind.Instant && value.Kind == RuleTypeKind.Instant && !WholeMicroseconds(value.Instant))
        {
            var below = Instant.FromUnixTimeTicks(value.Instant.ToUnixTimeTicks() / 10 * 10);
            var above = below + Duration.FromTicks(10);
            return comparison.Operator switch
            {
                BinaryOperator.Greater or BinaryOperator.GreaterOrEqual => Filter.GreaterThanOrEqual(field.Name, ScalarValue.Instant(below)),
                BinaryOperator.Less or BinaryOperator.LessOrEqual => Filter.LessThanOrEqual(field.Name, ScalarValue.Instant(above)),
                _ => null,
            };
        }

        if (Scalar(value, field.Kind) is not { } scalar)
        {
            return null;
        }

        // Text order: UTF-16 and code-point order differ only between a surrogate and U+E000–U+FFFF;
        // a bound without such characters orders every value the same way in every store.
        if (comparison.Operator is BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual
            && value.Text is { } text && text.Any(c => c >= '\uD800'))
        {
            return null;
        }

        return comparison.Operator switch
        {
            BinaryOperator.Equal => Filter.Equal(field.Name, scalar),
            BinaryOperator.NotEqual => Filter.NotEqual(field.Name, scalar),
            BinaryOperator.Less => Filter.LessThan(field.Name, scalar),
            BinaryOperator.LessOrEqual => Filter.LessThanOrEqual(field.Name, scalar),
            BinaryOperator.Greater => Filter.GreaterThan(field.Name, scalar),
            BinaryOperator.GreaterOrEqual => Filter.GreaterThanOrEqual(field.Name, scalar),
            _ => null,
        };
    }

    private static bool WholeMicroseconds(Instant instant) => instant.ToUnixTimeTicks() % 10 == 0;

    /// <summary>The filter model's field behind a plain field of the record, if it has one of a matching kind.</summary>
    private static RecordField<TData>? Field<TData>(Bound operand, IReadOnlyDictionary<string, RecordField<TData>> fields)
        where TData : AggregateData
    {
        if (operand is not BoundField { Path.Count: 1 } field || !fields.TryGetValue(field.Path[0], out var recordField))
        {
            return null;
        }

        var type = field.Type.Kind == RuleTypeKind.List ? field.Type.Element!.Kind : field.Type.Kind;
        var matches = (type, recordField.Kind) switch
        {
            (RuleTypeKind.String or RuleTypeKind.Enum, ScalarKind.Text) => true,
            (RuleTypeKind.Number, ScalarKind.Number) => true,
            (RuleTypeKind.Boolean, ScalarKind.Boolean) => true,
            (RuleTypeKind.Date, ScalarKind.Date) => true,
            (RuleTypeKind.Instant, ScalarKind.Instant) => true,
            _ => false,
        };
        return matches && recordField.IsList == (field.Type.Kind == RuleTypeKind.List) ? recordField : null;
    }

    /// <summary>The value of a sub-expression that reads no field (literals, now() - days(30)), folded with the run's time.</summary>
    internal static RuleValue? Constant(Bound node, RunState state)
    {
        if (!IsConstant(node))
        {
            return null;
        }

        try
        {
            return JsonRuleCompiler.Compile(node, trace: false)(NoRecord, state);
        }
        catch (RecordErrorException)
        {
            return null;
        }
    }

    private static bool IsConstant(Bound node) => node switch
    {
        BoundLiteral or BoundCall { Function: Function.Now or Function.Today } => true,
        BoundCall call => call.Arguments.All(IsConstant),
        BoundArithmetic arithmetic => IsConstant(arithmetic.Left) && IsConstant(arithmetic.Right),
        BoundNegate negate => IsConstant(negate.Operand),
        _ => false,
    };

    // Stores refuse NUL in filter values (docs/storage-rules.md); such text stays with the re-check.
    private static ScalarValue? Scalar(RuleValue value, ScalarKind kind) => (value.Kind, kind) switch
    {
        (RuleTypeKind.String or RuleTypeKind.Enum, ScalarKind.Text) when !value.Text!.Contains('\0', StringComparison.Ordinal) => ScalarValue.Text(value.Text),
        (RuleTypeKind.Number, ScalarKind.Number) => ScalarValue.Number(value.Number),
        (RuleTypeKind.Boolean, ScalarKind.Boolean) => ScalarValue.Boolean(value.Boolean),
        (RuleTypeKind.Date, ScalarKind.Date) => ScalarValue.Date(value.Date),
        (RuleTypeKind.Instant, ScalarKind.Instant) when WholeMicroseconds(value.Instant) => ScalarValue.Instant(value.Instant),
        _ => null,
    };
}
