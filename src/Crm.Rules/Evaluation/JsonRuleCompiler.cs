using System.Text.Json;
using Crm.Rules.Checking;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;
using NodaTime;

namespace Crm.Rules.Evaluation;

/// <summary>Evaluates one bound node over the current JSON scope (the record, or a collection element inside <c>where</c>).</summary>
internal delegate RuleValue JsonEvaluator(JsonElement scope, RunState state);

/// <summary>What stays fixed for one evaluation run: <c>now()</c>, <c>today()</c>, and the trace when explaining.</summary>
internal sealed class RunState(Instant now, LocalDate today)
{
    public Instant Now { get; } = now;

    public LocalDate Today { get; } = today;

    public List<RuleTraceEntry>? Trace { get; init; }
}

/// <summary>
/// Compiles a bound rule into a tree of delegates over JSON records: each node's meaning (which
/// comparison, which arithmetic) is chosen once here, not per record.
/// </summary>
internal static class JsonRuleCompiler
{
    public static JsonEvaluator Compile(Bound node, bool trace, int depth = 0)
    {
        var evaluator = CompileBare(node, trace, depth);

        // Constants say nothing about the record: the trace shows the expressions around them.
        if (!trace || node is BoundLiteral)
        {
            return evaluator;
        }

        var text = RulePrinter.Print(node.Syntax);
        return (scope, state) =>
        {
            var slot = state.Trace!.Count;
            state.Trace.Add(new RuleTraceEntry(depth, text, "(not evaluated: an error)"));
            var value = evaluator(scope, state);
            state.Trace[slot] = new RuleTraceEntry(depth, text, value.ToString());
            return value;
        };
    }

    private static JsonEvaluator CompileBare(Bound node, bool trace, int depth)
    {
        JsonEvaluator Child(Bound child) => Compile(child, trace, depth + 1);

        switch (node)
        {
            case BoundLiteral literal:
                var constant = literal.Value;
                return (_, _) => constant;
            case BoundField field:
                var path = field.Path;
                var type = field.Type;
                return (scope, _) => JsonFields.Read(scope, path, type);
            case BoundLogical logical:
                return Logical(logical.IsAnd, [.. logical.Operands.Select(Child)]);
            case BoundNot not:
                var operand = Child(not.Operand);
                return (scope, state) => RuleValue.Of(!IsTrue(operand(scope, state)));
            case BoundNegate negate:
                return Negate(Child(negate.Operand));
            case BoundComparison comparison:
                return Comparison(comparison, Child(comparison.Left), Child(comparison.Right));
            case BoundArithmetic arithmetic:
                return Arithmetic(arithmetic, Child(arithmetic.Left), Child(arithmetic.Right));
            case BoundIn inNode:
                var value = Child(inNode.Operand);
                var items = inNode.Items.ToArray();
                var negated = inNode.Negated;
                return (scope, state) =>
                {
                    var v = value(scope, state);
                    var found = false;
                    if (v.HasValue)
                    {
                        foreach (var item in items)
                        {
                            if (Values.Equal(v, item))
                            {
                                found = true;
                                break;
                            }
                        }
                    }

                    return RuleValue.Of(found != negated);
                };
            case BoundIsNull isNull:
                var tested = Child(isNull.Operand);
                var not2 = isNull.Negated;
                return (scope, state) => RuleValue.Of(tested(scope, state).IsNull != not2);
            case BoundCall call:
                return Call(call, [.. call.Arguments.Select(Child)]);
            case BoundAggregate aggregate:
                // The where condition runs once per element: it is not traced, the aggregate's result is.
                return Aggregate(aggregate, aggregate.Where is null ? null : Compile(aggregate.Where, trace: false));
            default:
                throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, null);
        }
    }

    public static bool IsTrue(in RuleValue value) => value.HasValue && value.Kind == RuleTypeKind.Boolean && value.Boolean;

    private static JsonEvaluator Logical(bool isAnd, JsonEvaluator[] operands) => isAnd
        ? (scope, state) =>
        {
            foreach (var operand in operands)
            {
                if (!IsTrue(operand(scope, state)))
                {
                    return RuleValue.False;
                }
            }

            return RuleValue.True;
        }
        : (scope, state) =>
        {
            foreach (var operand in operands)
            {
                if (IsTrue(operand(scope, state)))
                {
                    return RuleValue.True;
                }
            }

            return RuleValue.False;
        };

    private static JsonEvaluator Negate(JsonEvaluator operand) => (scope, state) =>
    {
        var v = operand(scope, state);
        return v.IsNull ? v : v.Kind switch
        {
            RuleTypeKind.Number => RuleValue.Of(-v.Number),
            RuleTypeKind.Money => RuleValue.Money(-v.Number, v.Text!),
            _ => Guard(() => RuleValue.Of(-v.Duration)),
        };
    };

    private static JsonEvaluator Comparison(BoundComparison comparison, JsonEvaluator left, JsonEvaluator right)
    {
        switch (comparison.Operator)
        {
            case BinaryOperator.Equal:
                return (scope, state) => RuleValue.Of(Values.Equal(left(scope, state), right(scope, state)));
            case BinaryOperator.NotEqual:
                return (scope, state) => RuleValue.Of(!Values.Equal(left(scope, state), right(scope, state)));
            case BinaryOperator.Contains or BinaryOperator.StartsWith or BinaryOperator.EndsWith:
                return StringTest(comparison, left, right);
        }

        var op = comparison.Operator;
        return (scope, state) =>
        {
            var l = left(scope, state);
            var r = right(scope, state);
            if (l.IsNull || r.IsNull)
            {
                return RuleValue.False;
            }

            var order = Values.Compare(l, r);
            return RuleValue.Of(op switch
            {
                BinaryOperator.Less => order < 0,
                BinaryOperator.LessOrEqual => order <= 0,
                BinaryOperator.Greater => order > 0,
                _ => order >= 0,
            });
        };
    }

    private static JsonEvaluator StringTest(BoundComparison comparison, JsonEvaluator left, JsonEvaluator right)
    {
        if (comparison.Test == Checking.StringTest.ListContains)
        {
            var element = comparison.Left.Type.Element!;
            return (scope, state) =>
            {
                var list = left(scope, state);
                var wanted = right(scope, state);
                if (list.IsNull || wanted.IsNull)
                {
                    return RuleValue.False;
                }

                foreach (var item in list.Json.EnumerateArray())
                {
                    if (Values.Equal(JsonFields.Convert(item, element, []), wanted))
                    {
                        return RuleValue.True;
                    }
                }

                return RuleValue.False;
            };
        }

        var test = comparison.Test;
        return (scope, state) =>
        {
            var l = left(scope, state);
            var r = right(scope, state);
            if (l.IsNull || r.IsNull)
            {
                return RuleValue.False;
            }

            return RuleValue.Of(test switch
            {
                Checking.StringTest.Contains => l.Text!.Contains(r.Text!, StringComparison.Ordinal),
                Checking.StringTest.StartsWith => l.Text!.StartsWith(r.Text!, StringComparison.Ordinal),
                _ => l.Text!.EndsWith(r.Text!, StringComparison.Ordinal),
            });
        };
    }

    private static JsonEvaluator Arithmetic(BoundArithmetic arithmetic, JsonEvaluator left, JsonEvaluator right)
    {
        var op = arithmetic.Operator;
        var mode = arithmetic.Mode;
        return (scope, state) =>
        {
            var l = left(scope, state);
            var r = right(scope, state);
            if (l.IsNull || r.IsNull)
            {
                return RuleValue.Null;
            }

            return mode switch
            {
                Checking.Arithmetic.Numbers when l.Kind == RuleTypeKind.Money => RuleValue.Money(Numbers(op, l.Number, r.Number), l.Text!),
                Checking.Arithmetic.Numbers when r.Kind == RuleTypeKind.Money => RuleValue.Money(Numbers(op, l.Number, r.Number), r.Text!),
                Checking.Arithmetic.Numbers => RuleValue.Of(Numbers(op, l.Number, r.Number)),
                Checking.Arithmetic.Money => string.Equals(l.Text, r.Text, StringComparison.Ordinal)
                    ? RuleValue.Money(Numbers(op, l.Number, r.Number), l.Text!)
                    : throw new RecordErrorException($"cannot {(op == BinaryOperator.Add ? "add" : "subtract")} {r} and {l}: different currencies"),
                Checking.Arithmetic.MoneyByNumber => RuleValue.Money(Numbers(op, l.Number, r.Number), l.Text!),
                Checking.Arithmetic.NumberByMoney => RuleValue.Money(Numbers(op, l.Number, r.Number), r.Text!),
                Checking.Arithmetic.InstantDuration => Guard(() => RuleValue.Of(op == BinaryOperator.Add ? l.Instant + r.Duration : l.Instant - r.Duration)),
                Checking.Arithmetic.DateDays => Guard(() => RuleValue.Of(l.Date.PlusDays(checked((op == BinaryOperator.Add ? 1 : -1) * (int)r.Duration.Days)))),
                _ => Guard(() => RuleValue.Of(op == BinaryOperator.Add ? r.Duration + l.Duration : l.Duration - r.Duration)),
            };
        };
    }

    /// <summary>Exact decimal arithmetic; division rounds to 12 places, midpoint away from zero.</summary>
    public static decimal Numbers(BinaryOperator op, decimal l, decimal r)
    {
        try
        {
            return op switch
            {
                BinaryOperator.Add => l + r,
                BinaryOperator.Subtract => l - r,
                BinaryOperator.Multiply => l * r,
                _ => r == 0m
                    ? throw new RecordErrorException("division by zero")
                    : ExactDivision.Divide(l, r),
            };
        }
        catch (OverflowException)
        {
            throw new RecordErrorException($"arithmetic overflow: {l} {RulePrinter.Operator(op)} {r} is outside the range of a decimal");
        }
    }

    private static RuleValue Guard(Func<RuleValue> compute)
    {
        try
        {
            return compute();
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw new RecordErrorException("a date or time outside the supported range (years -9998 to 9999)");
        }
    }

    private static JsonEvaluator Call(BoundCall call, JsonEvaluator[] arguments)
    {
        var first = arguments.Length > 0 ? arguments[0] : null;
        switch (call.Function)
        {
            case Function.Now:
                return (_, state) => RuleValue.Of(state.Now);
            case Function.Today:
                return (_, state) => RuleValue.Of(state.Today);
            case Function.Coalesce:
                var second = arguments[1];
                return (scope, state) =>
                {
                    var v = first!(scope, state);
                    return v.HasValue ? v : second(scope, state);
                };
            case Function.Days or Function.Hours or Function.Minutes:
                var unit = call.Function;
                return (scope, state) =>
                {
                    var v = first!(scope, state);
                    if (v.IsNull)
                    {
                        return v;
                    }

                    if (decimal.Truncate(v.Number) != v.Number)
                    {
                        throw new RecordErrorException($"{unit.ToString().ToLowerInvariant()}() takes a whole number, not {v}");
                    }

                    return Guard(() =>
                    {
                        var count = decimal.ToInt64(v.Number);
                        return RuleValue.Of(unit switch
                        {
                            Function.Days => Duration.FromDays(count),
                            Function.Hours => Duration.FromHours(count),
                            _ => Duration.FromMinutes(count),
                        });
                    });
                };
            default:
                var function = call.Function;
                return (scope, state) =>
                {
                    var v = first!(scope, state);
                    if (v.IsNull)
                    {
                        return v;
                    }

                    return function switch
                    {
                        Function.Lower => RuleValue.Of(Values.Lower(v.Text!)),
                        Function.Upper => RuleValue.Of(Values.Upper(v.Text!)),
                        Function.Trim => RuleValue.Of(v.Text!.Trim()),
                        _ => RuleValue.Of(Values.Length(v.Text!)),
                    };
                };
        }
    }

    private static JsonEvaluator Aggregate(BoundAggregate aggregate, JsonEvaluator? where)
    {
        var path = aggregate.Path;
        var source = aggregate.Source;
        var kind = aggregate.Kind;
        var elementField = aggregate.ElementField;
        var elementType = aggregate.ElementType;
        var resultType = aggregate.Type;
        return (scope, state) =>
        {
            var collection = JsonFields.Read(scope, path, source);
            var count = 0;
            var sum = 0m;
            string? currency = null;
            var best = RuleValue.Null;
            if (collection.HasValue)
            {
                foreach (var element in collection.Json.EnumerateArray())
                {
                    if (source.Kind == RuleTypeKind.Collection && element.ValueKind != JsonValueKind.Object)
                    {
                        throw new RecordErrorException($"an element of '{string.Join('.', path)}' should be an object");
                    }

                    if (where is not null && !IsTrue(where(element, state)))
                    {
                        if (kind == AggregateKind.All)
                        {
                            return RuleValue.False;
                        }

                        continue;
                    }

                    if (kind == AggregateKind.Any)
                    {
                        return RuleValue.True;
                    }

                    if (kind is AggregateKind.All or AggregateKind.Count)
                    {
                        count++;
                        continue;
                    }

                    var value = source.Kind == RuleTypeKind.List
                        ? JsonFields.Convert(element, elementType!, [])
                        : JsonFields.Read(element, elementField, elementType!);
                    if (value.IsNull)
                    {
                        continue;
                    }

                    count++;
                    if (kind is AggregateKind.Sum or AggregateKind.Avg)
                    {
                        if (value.Kind == RuleTypeKind.Money)
                        {
                            if (currency is not null && !string.Equals(currency, value.Text, StringComparison.Ordinal))
                            {
                                throw new RecordErrorException($"cannot {(kind == AggregateKind.Sum ? "sum" : "average")} {currency} and {value.Text} amounts");
                            }

                            currency = value.Text;
                        }

                        sum = Numbers(BinaryOperator.Add, sum, value.Number);
                    }
                    else if (best.IsNull || (kind == AggregateKind.Min ? Values.Compare(value, best) < 0 : Values.Compare(value, best) > 0))
                    {
                        best = value;
                    }
                }
            }

            return kind switch
            {
                AggregateKind.Any => RuleValue.False,
                AggregateKind.All => RuleValue.True,
                AggregateKind.Count => RuleValue.Of(count),
                AggregateKind.Sum => Total(sum, currency ?? resultType.Currency, resultType),
                AggregateKind.Avg => count == 0 ? RuleValue.Null : Total(Numbers(BinaryOperator.Divide, sum, count), currency, resultType),
                _ => best,
            };
        };
    }

    private static RuleValue Total(decimal amount, string? currency, RuleType type) =>
        type.Kind == RuleTypeKind.Money && currency is not null ? RuleValue.Money(amount, currency) : RuleValue.Of(amount);
}
