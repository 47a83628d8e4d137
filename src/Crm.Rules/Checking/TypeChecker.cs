using Crm.Rules.Evaluation;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;
using NodaTime.Text;

namespace Crm.Rules.Checking;

/// <summary>
/// Checks a parsed rule against a schema and binds it: every field resolved, every operator given the
/// meaning its operand types select, every constant folded. Type errors name the position and, for
/// unknown names, the nearest declared one.
/// </summary>
internal sealed class TypeChecker(SourceText source, RuleSchema schema)
{
    public Bound CheckRule(RuleNode rule)
    {
        var bound = Bind(rule, schema.Root);
        RequireBoolean(bound, "the rule");
        return bound;
    }

    private Bound Bind(RuleNode node, RuleRecordType scope) => node switch
    {
        LiteralNode literal => Literal(literal),
        FieldNode field => Field(field, scope),
        LogicalNode logical => new BoundLogical(logical, logical.IsAnd, [.. logical.Operands.Select(o => Condition(o, scope, $"'{logical.Keyword}'"))]),
        NotNode not => new BoundNot(not, Condition(not.Operand, scope, "'not'")),
        NegateNode negate => Negate(negate, scope),
        BinaryNode { IsComparison: true } binary => Comparison(binary, scope),
        BinaryNode binary => Arithmetic(binary, scope),
        InNode inNode => In(inNode, scope),
        IsNullNode isNull => IsNull(isNull, scope),
        CallNode call => Call(call, scope),
        AggregateNode aggregate => Aggregate(aggregate, scope),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, null),
    };

    private static BoundLiteral Literal(LiteralNode literal) => literal.Kind switch
    {
        LiteralKind.Null => new BoundLiteral(literal, RuleType.Null, RuleValue.Null),
        LiteralKind.Boolean => new BoundLiteral(literal, RuleType.Boolean, RuleValue.Of((bool)literal.Value!)),
        LiteralKind.Number => new BoundLiteral(literal, RuleType.Number, RuleValue.Of(literal.Number)),
        _ => new BoundLiteral(literal, RuleType.String, RuleValue.Of(literal.Text)),
    };

    private Bound Condition(RuleNode node, RuleRecordType scope, string where)
    {
        var bound = Bind(node, scope);
        RequireBoolean(bound, $"the operand of {where}");
        return bound;
    }

    private void RequireBoolean(Bound bound, string what)
    {
        if (bound.Type.Kind is not (RuleTypeKind.Boolean or RuleTypeKind.Null))
        {
            throw Fail(bound.Syntax, $"{what} must be a condition (boolean), but '{RulePrinter.Print(bound.Syntax)}' is {Article(bound.Type)}");
        }
    }

    private BoundField Field(FieldNode field, RuleRecordType scope)
    {
        var type = Resolve(field, scope, field.Path.Count, out _);
        if (type.Kind == RuleTypeKind.Collection)
        {
            throw Fail(field, $"'{field.Dotted}' is a collection of records: use any({field.Dotted} where ...), count({field.Dotted}), sum({field.Dotted}.field) ...");
        }

        if (type.Kind == RuleTypeKind.Record)
        {
            var first = type.Fields!.Fields.Keys.FirstOrDefault();
            throw Fail(field, $"'{field.Dotted}' is a record; name one of its fields{(first is null ? string.Empty : $", such as '{field.Dotted}.{first}'")}");
        }

        return new BoundField(field, type, field.Path);
    }

    /// <summary>Resolves the first <paramref name="count"/> segments through nested records.</summary>
    private RuleType Resolve(FieldNode field, RuleRecordType scope, int count, out RuleRecordType last)
    {
        var record = scope;
        RuleType? type = null;
        last = scope;
        for (var i = 0; i < count; i++)
        {
            var name = field.Path[i];
            if (!record.TryGetField(name, out var found))
            {
                var prefix = string.Join('.', field.Path.Take(i));
                var suggestion = Parser.Suggest(name, record.Fields.Keys, i == 0 ? string.Empty : prefix + ".");

                throw Fail(field, i == 0
                    ? $"unknown field '{name}'{suggestion}"
                    : $"'{prefix}' has no field '{name}'{suggestion}");
            }

            type = found;
            last = record;
            if (i < count - 1)
            {
                if (found.Kind != RuleTypeKind.Record)
                {
                    throw Fail(field, found.Kind == RuleTypeKind.Collection
                        ? $"'{string.Join('.', field.Path.Take(i + 1))}' is a collection: its elements' fields are reached through an aggregate, e.g. any({string.Join('.', field.Path.Take(i + 1))} where {field.Path[i + 1]} ...)"
                        : $"'{string.Join('.', field.Path.Take(i + 1))}' is {Article(found)} and has no fields");
                }

                record = found.Fields!;
            }
        }

        return type!;
    }

    private BoundNegate Negate(NegateNode negate, RuleRecordType scope)
    {
        var operand = Bind(negate.Operand, scope);
        return operand.Type.Kind is RuleTypeKind.Number or RuleTypeKind.Money or RuleTypeKind.Duration or RuleTypeKind.Null
            ? new BoundNegate(negate, operand)
            : throw Fail(negate, $"unary '-' needs a number, money or a duration, not {Article(operand.Type)}");
    }

    private BoundComparison Comparison(BinaryNode binary, RuleRecordType scope)
    {
        var left = Bind(binary.Left, scope);
        var right = Bind(binary.Right, scope);
        var symbol = RulePrinter.Operator(binary.Operator);
        switch (binary.Operator)
        {
            case BinaryOperator.Contains when left.Type.Kind == RuleTypeKind.List:
                Comparable(binary, left.Type.Element!, right, "contains");
                return new BoundComparison(binary, binary.Operator, left, right) { Test = StringTest.ListContains };
            case BinaryOperator.Contains or BinaryOperator.StartsWith or BinaryOperator.EndsWith:
                if (left.Type.Kind == RuleTypeKind.Collection)
                {
                    throw Fail(binary, $"'{symbol}' does not apply to a collection of records: use any(path where ...)");
                }

                RequireString(binary, left, symbol);
                RequireString(binary, right, symbol);
                return new BoundComparison(binary, binary.Operator, left, right)
                {
                    Test = binary.Operator switch
                    {
                        BinaryOperator.Contains => StringTest.Contains,
                        BinaryOperator.StartsWith => StringTest.StartsWith,
                        _ => StringTest.EndsWith,
                    },
                };
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                Comparable(binary, left.Type, right, symbol, left);
                return new BoundComparison(binary, binary.Operator, left, right);
            default:
                if (left.Type.Kind == RuleTypeKind.Null || right.Type.Kind == RuleTypeKind.Null)
                {
                    throw Fail(binary, $"comparing with null by '{symbol}' is always false; test with 'is null' or 'is not null'");
                }

                Comparable(binary, left.Type, right, symbol, left);
                var unordered = left.Type.Kind is RuleTypeKind.Boolean or RuleTypeKind.Enum ? left.Type : right.Type.Kind is RuleTypeKind.Boolean or RuleTypeKind.Enum ? right.Type : null;
                if (unordered is not null)
                {
                    throw Fail(binary, $"{Article(unordered)} compares only by '=' and '!='{(unordered.Kind == RuleTypeKind.Enum ? ", 'in' and 'not in'" : string.Empty)}, not by '{symbol}'");
                }

                return new BoundComparison(binary, binary.Operator, left, right);
        }
    }

    private void RequireString(RuleNode at, Bound operand, string symbol)
    {
        if (operand.Type.Kind is not (RuleTypeKind.String or RuleTypeKind.Null))
        {
            throw Fail(at, $"'{symbol}' needs strings, but '{RulePrinter.Print(operand.Syntax)}' is {Article(operand.Type)}");
        }
    }

    /// <summary>Checks that <paramref name="right"/> can be compared with a value of <paramref name="type"/>.</summary>
    private void Comparable(RuleNode at, RuleType type, Bound right, string symbol, Bound? left = null)
    {
        var other = right.Type;
        if (!type.IsScalar || !other.IsScalar)
        {
            var offending = !type.IsScalar ? left : right;
            var hint = (!type.IsScalar ? type : other).Kind == RuleTypeKind.List ? " (to test membership, write 'list contains value')" : string.Empty;
            throw Fail(at, $"'{symbol}' cannot compare {Article(!type.IsScalar ? type : other)}{(offending is null ? string.Empty : $" ('{RulePrinter.Print(offending.Syntax)}')")}{hint}");
        }

        if (type.Kind == RuleTypeKind.Null || other.Kind == RuleTypeKind.Null)
        {
            return;
        }

        if (type.Kind == RuleTypeKind.Enum || other.Kind == RuleTypeKind.Enum)
        {
            var (enumType, value) = type.Kind == RuleTypeKind.Enum ? (type, right) : (other, left!);
            var otherType = type.Kind == RuleTypeKind.Enum ? other : type;
            if (otherType.Kind == RuleTypeKind.Enum && enumType.SameAs(otherType))
            {
                return;
            }

            if (value is BoundLiteral { Type.Kind: RuleTypeKind.String } literal)
            {
                RequireMember(literal.Syntax, enumType, literal.Value.Text!);
                return;
            }

            throw Fail(at, $"an enum compares only with members of its set ({Members(enumType)}), not with {Article(otherType)}");
        }

        if (Compatible(type, other))
        {
            return;
        }

        var message = (type.Kind, other.Kind) switch
        {
            (RuleTypeKind.Instant, RuleTypeKind.Date) or (RuleTypeKind.Date, RuleTypeKind.Instant) =>
                "cannot compare an instant with a date; compare dates with dates (today(), date(\"...\")) or instants with instants (now(), instant(\"...Z\"))",
            (RuleTypeKind.Money, RuleTypeKind.Number) or (RuleTypeKind.Number, RuleTypeKind.Money) =>
                "money compares with plain numbers only when the schema declares its currency ({\"money\": \"EUR\"})",
            _ => $"cannot compare {Article(type)} with {Article(other)} by '{symbol}'",
        };
        throw Fail(at, message);
    }

    private static bool Compatible(RuleType a, RuleType b)
    {
        if (a.Kind == RuleTypeKind.Money || b.Kind == RuleTypeKind.Money)
        {
            return (a.Kind, b.Kind) switch
            {
                (RuleTypeKind.Money, RuleTypeKind.Money) => a.Currency is null || b.Currency is null || string.Equals(a.Currency, b.Currency, StringComparison.Ordinal),
                (RuleTypeKind.Money, RuleTypeKind.Number) => a.Currency is not null,
                (RuleTypeKind.Number, RuleTypeKind.Money) => b.Currency is not null,
                _ => false,
            };
        }

        return a.Kind == b.Kind;
    }

    private void RequireMember(RuleNode literal, RuleType enumType, string value)
    {
        if (!enumType.Members.Contains(value, StringComparer.Ordinal))
        {
            throw Fail(literal, $"{RulePrinter.Quote(value)} is not a member of the enum ({Members(enumType)}){Parser.Suggest(value, enumType.Members)}");
        }
    }

    private static string Members(RuleType enumType) => string.Join(", ", enumType.Members.Take(10).Select(RulePrinter.Quote)) + (enumType.Members.Count > 10 ? ", ..." : string.Empty);

    private BoundArithmetic Arithmetic(BinaryNode binary, RuleRecordType scope)
    {
        var left = Bind(binary.Left, scope);
        var right = Bind(binary.Right, scope);
        var symbol = RulePrinter.Operator(binary.Operator);
        var additive = binary.Operator is BinaryOperator.Add or BinaryOperator.Subtract;
        var (l, r) = (left.Type, right.Type);

        // Arithmetic with the literal null is null, of the other side's type.
        if (l.Kind == RuleTypeKind.Null || r.Kind == RuleTypeKind.Null)
        {
            var other = l.Kind == RuleTypeKind.Null ? r : l;
            return other.Kind is RuleTypeKind.Number or RuleTypeKind.Money or RuleTypeKind.Null
                ? new BoundArithmetic(binary, other, binary.Operator, left, right, Checking.Arithmetic.Numbers)
                : throw Fail(binary, $"'{symbol}' is not defined for {Article(other)} and null");
        }

        (RuleType Type, Arithmetic Mode)? result = (l.Kind, r.Kind) switch
        {
            (RuleTypeKind.Number, RuleTypeKind.Number) => (RuleType.Number, Checking.Arithmetic.Numbers),
            (RuleTypeKind.Money, RuleTypeKind.Money) when additive && l.SameAs(r) && l.Currency is not null => (l, Checking.Arithmetic.Money),
            (RuleTypeKind.Money, RuleTypeKind.Money) when additive && l.Currency is null && r.Currency is null => (l, Checking.Arithmetic.Money),
            (RuleTypeKind.Money, RuleTypeKind.Number) when !additive => (l, Checking.Arithmetic.MoneyByNumber),
            (RuleTypeKind.Number, RuleTypeKind.Money) when binary.Operator == BinaryOperator.Multiply => (r, Checking.Arithmetic.NumberByMoney),
            (RuleTypeKind.Instant, RuleTypeKind.Duration) when additive => (RuleType.Instant, Checking.Arithmetic.InstantDuration),
            (RuleTypeKind.Date, RuleTypeKind.Duration) when additive && r.IsWholeDays => (RuleType.Date, Checking.Arithmetic.DateDays),
            (RuleTypeKind.Duration, RuleTypeKind.Duration) when additive => (l.IsWholeDays && r.IsWholeDays ? RuleType.WholeDays : RuleType.Duration, Checking.Arithmetic.Durations),
            _ => null,
        };
        if (result is { } ok)
        {
            return new BoundArithmetic(binary, ok.Type, binary.Operator, left, right, ok.Mode);
        }

        var message = (l.Kind, r.Kind) switch
        {
            (RuleTypeKind.Date, RuleTypeKind.Duration) => $"a date moves by whole days only: write days(n), not '{RulePrinter.Print(right.Syntax)}'",
            (RuleTypeKind.Instant, RuleTypeKind.Instant) => $"'{symbol}' is not defined for two instants; compare them instead (a < b, a > b - days(n))",
            (RuleTypeKind.Duration, RuleTypeKind.Instant) or (RuleTypeKind.Duration, RuleTypeKind.Date) => $"write the {(r.Kind == RuleTypeKind.Date ? "date" : "instant")} first: x {symbol} duration",
            _ => $"'{symbol}' is not defined for {Article(l)} and {Article(r)}",
        };
        throw Fail(binary, message);
    }

    private BoundIn In(InNode inNode, RuleRecordType scope)
    {
        var operand = Bind(inNode.Operand, scope);
        var keyword = inNode.Negated ? "not in" : "in";
        if (!operand.Type.IsScalar)
        {
            throw Fail(inNode, operand.Type.Kind == RuleTypeKind.List
                ? $"'{RulePrinter.Print(operand.Syntax)}' is a list: to test membership write '{RulePrinter.Print(operand.Syntax)} contains value'"
                : $"'{keyword}' needs a single value on its left, not {Article(operand.Type)}");
        }

        var items = new List<RuleValue>(inNode.Items.Count);
        foreach (var item in inNode.Items)
        {
            var bound = Bind(item, scope);
            if (bound is not BoundLiteral literal)
            {
                throw Fail(item, $"a list after '{keyword}' holds constants (literals, date(\"...\"), instant(\"...\")), not '{RulePrinter.Print(item)}'");
            }

            if (literal.Value.IsNull)
            {
                throw Fail(item, $"a list after '{keyword}' holds non-null values; test null with 'is null'");
            }

            Comparable(item, operand.Type, literal, keyword, operand);
            items.Add(literal.Value);
        }

        return new BoundIn(inNode, operand, items, inNode.Negated);
    }

    private BoundIsNull IsNull(IsNullNode isNull, RuleRecordType scope)
    {
        var operand = Bind(isNull.Operand, scope);
        return operand.Type.IsScalar
            ? new BoundIsNull(isNull, operand, isNull.Negated)
            : throw Fail(isNull, $"'{RulePrinter.Print(operand.Syntax)}' is {Article(operand.Type)}, which is never null here (absent means empty): test it with count(...) = 0 or any(...)");
    }

    private Bound Call(CallNode call, RuleRecordType scope)
    {
        switch (call.Name)
        {
            case "now":
                return new BoundCall(call, RuleType.Instant, Function.Now, []);
            case "today":
                return new BoundCall(call, RuleType.Date, Function.Today, []);
            case "date":
                var date = ConstantText(call);
                var parsedDate = LocalDatePattern.Iso.Parse(date);
                return parsedDate.Success
                    ? new BoundLiteral(call, RuleType.Date, RuleValue.Of(parsedDate.Value))
                    : throw Fail(call.Arguments[0], $"{RulePrinter.Quote(date)} is not a valid date (YYYY-MM-DD)");
            case "instant":
                var instant = ConstantText(call);
                var parsedInstant = InstantPattern.ExtendedIso.Parse(instant);
                return parsedInstant.Success && instant.EndsWith('Z')
                    ? new BoundLiteral(call, RuleType.Instant, RuleValue.Of(parsedInstant.Value))
                    : throw Fail(call.Arguments[0], $"{RulePrinter.Quote(instant)} is not a valid instant (ISO 8601 in UTC, ending in Z: 2026-01-31T10:00:00Z)");
        }

        var arguments = call.Arguments.Select(a => Bind(a, scope)).ToList();
        switch (call.Name)
        {
            case "lower" or "upper" or "trim" or "length":
                if (arguments[0].Type.Kind is not (RuleTypeKind.String or RuleTypeKind.Enum or RuleTypeKind.Null))
                {
                    throw Fail(call, $"{call.Name}() takes a string, not {Article(arguments[0].Type)}");
                }

                var function = call.Name switch { "lower" => Function.Lower, "upper" => Function.Upper, "trim" => Function.Trim, _ => Function.Length };
                return new BoundCall(call, function == Function.Length ? RuleType.Number : RuleType.String, function, arguments);
            case "days" or "hours" or "minutes":
                if (arguments[0].Type.Kind is not (RuleTypeKind.Number or RuleTypeKind.Null))
                {
                    throw Fail(call, $"{call.Name}() takes a whole number, not {Article(arguments[0].Type)}");
                }

                if (arguments[0] is BoundLiteral { Value.HasValue: true } count && decimal.Truncate(count.Value.Number) != count.Value.Number)
                {
                    throw Fail(call.Arguments[0], $"{call.Name}() takes a whole number, not {RulePrinter.Number(count.Value.Number)}");
                }

                return new BoundCall(call, call.Name == "days" ? RuleType.WholeDays : RuleType.Duration, call.Name switch { "days" => Function.Days, "hours" => Function.Hours, _ => Function.Minutes }, arguments);
            default:
                var (a, b) = (arguments[0], arguments[1]);
                if (!a.Type.IsScalar || !b.Type.IsScalar)
                {
                    throw Fail(call, $"coalesce() takes single values, not {Article(!a.Type.IsScalar ? a.Type : b.Type)}");
                }

                Comparable(call, a.Type, b, "coalesce", a);
                if (a.Type.Kind != b.Type.Kind && a.Type.Kind != RuleTypeKind.Null && b.Type.Kind != RuleTypeKind.Null && a.Type.Kind != RuleTypeKind.Enum && b.Type.Kind != RuleTypeKind.Enum)
                {
                    throw Fail(call, $"coalesce() takes two values of one type, not {Article(a.Type)} and {Article(b.Type)}");
                }

                var type = a.Type.Kind == RuleTypeKind.Null ? b.Type : a.Type;

                // A duration moves a date only if it is whole days whichever argument it comes from.
                if (type.Kind == RuleTypeKind.Duration)
                {
                    type = (a.Type.Kind == RuleTypeKind.Null || a.Type.IsWholeDays) && (b.Type.Kind == RuleTypeKind.Null || b.Type.IsWholeDays) ? RuleType.WholeDays : RuleType.Duration;
                }
                return new BoundCall(call, type, Function.Coalesce, arguments);
        }
    }

    private string ConstantText(CallNode call) => call.Arguments[0] is LiteralNode { Kind: LiteralKind.String } literal
        ? literal.Text
        : throw Fail(call.Arguments[0], $"{call.Name}() takes a string literal, such as {call.Name}(\"{(call.Name == "date" ? "2026-01-31" : "2026-01-31T10:00:00Z")}\")");

    private BoundAggregate Aggregate(AggregateNode aggregate, RuleRecordType scope)
    {
        var name = Functions.Name(aggregate.Kind);
        var path = aggregate.Path;

        // The collection is the first collection on the path; what follows it is the element's field.
        var record = scope;
        var split = -1;
        RuleType? source = null;
        for (var i = 0; i < path.Path.Count; i++)
        {
            if (!record.TryGetField(path.Path[i], out var found))
            {
                Resolve(path, scope, i + 1, out _);
            }

            if (found!.Kind is RuleTypeKind.Collection or RuleTypeKind.List)
            {
                split = i;
                source = found;
                break;
            }

            if (found.Kind != RuleTypeKind.Record)
            {
                throw Fail(path, $"{name}() needs a collection or a list, but '{string.Join('.', path.Path.Take(i + 1))}' is {Article(found)}");
            }

            record = found.Fields!;
        }

        if (source is null)
        {
            throw Fail(path, $"{name}() needs a collection or a list, but '{path.Dotted}' is a record");
        }

        var collectionPath = path.Path.Take(split + 1).ToList();
        var elementPath = path.Path.Skip(split + 1).ToList();
        var collectionName = string.Join('.', collectionPath);
        if (source.Kind == RuleTypeKind.List)
        {
            if (elementPath.Count > 0)
            {
                throw Fail(path, $"'{collectionName}' is {Article(source)}; its values have no fields");
            }

            if (aggregate.Where is not null)
            {
                throw Fail(aggregate.Where, $"'where' filters a collection of records, but '{collectionName}' is {Article(source)}");
            }
        }

        var where = aggregate.Where is null ? null : Condition(aggregate.Where, source.Fields!, $"'where' in {name}()");
        switch (aggregate.Kind)
        {
            case AggregateKind.Any or AggregateKind.All or AggregateKind.Count:
                if (elementPath.Count > 0)
                {
                    throw Fail(path, $"{name}() counts elements: write {name}({collectionName}{(aggregate.Kind == AggregateKind.Count ? string.Empty : " where ...")}), with conditions on '{string.Join('.', elementPath)}' after 'where'");
                }

                return new BoundAggregate(aggregate, aggregate.Kind == AggregateKind.Count ? RuleType.Number : RuleType.Boolean, aggregate.Kind, collectionPath, source, elementPath, where);
            default:
                RuleType valueType;
                if (source.Kind == RuleTypeKind.List)
                {
                    valueType = source.Element!;
                }
                else if (elementPath.Count == 0)
                {
                    var first = source.Fields!.Fields.FirstOrDefault(f => f.Value.Kind is RuleTypeKind.Number or RuleTypeKind.Money).Key;
                    throw Fail(path, $"{name}() takes a field of each element: write {name}({collectionName}.{first ?? "field"})");
                }
                else
                {
                    valueType = Resolve(new FieldNode(path.Start, elementPath), source.Fields!, elementPath.Count, out _);
                    if (!valueType.IsScalar)
                    {
                        throw Fail(path, $"{name}() takes a single value of each element, but '{path.Dotted}' is {Article(valueType)}");
                    }
                }

                var allowed = aggregate.Kind is AggregateKind.Sum or AggregateKind.Avg
                    ? valueType.Kind is RuleTypeKind.Number or RuleTypeKind.Money
                    : valueType.Kind is RuleTypeKind.Number or RuleTypeKind.Money or RuleTypeKind.Date or RuleTypeKind.Instant or RuleTypeKind.String;
                if (!allowed)
                {
                    throw Fail(path, $"{name}() takes {(aggregate.Kind is AggregateKind.Sum or AggregateKind.Avg ? "numbers or money" : "numbers, money, dates, instants or strings")}, but '{path.Dotted}' is {Article(valueType)}");
                }

                return new BoundAggregate(aggregate, valueType, aggregate.Kind, collectionPath, source, elementPath, where) { ElementType = valueType };
        }
    }

    private static string Article(RuleType type) => type.Kind switch
    {
        RuleTypeKind.Null => "null",
        RuleTypeKind.Enum or RuleTypeKind.Instant => "an " + type,
        _ => "a " + type,
    };

    private RuleException Fail(RuleNode at, string message) => new(source.Error(at.Start, message));
}
