using System.Linq.Expressions;
using System.Reflection;
using Crm.Rules.Checking;
using Crm.Rules.Evaluation;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;
using NodaTime;

namespace Crm.Rules.Clr;

/// <summary>
/// Compiles a bound rule into one expression tree over a CLR type and then to IL: fields are property
/// reads, comparisons and arithmetic call <see cref="RuleOps"/> on typed nullable values, aggregates
/// loop over the lists with their element condition compiled once. No boxing and no allocation per
/// record (see the benchmark in docs/performance.md).
/// </summary>
internal sealed class ClrRuleCompiler
{
    private static readonly ConstantExpression NullValue = Expression.Constant(null);
    private static readonly MethodInfo FailMethod = typeof(RuleOps).GetMethod(nameof(RuleOps.Fail))!;

    // Reflection is most of what building a tree costs; a rule compiles its tree on the caller's thread.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, MethodInfo> EnumNames = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(Type Enum, string Name), object> EnumValues = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, (Type List, PropertyInfo Count, PropertyInfo Item)> Lists = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Name, Type First, Type? Second, Type? Third), MethodInfo> Methods = new();
    private static readonly MethodInfo StartsWithChar = typeof(string).GetMethod(nameof(string.StartsWith), [typeof(char)])!;
    private static readonly ConstructorInfo RecordErrorConstructor = typeof(RecordErrorException).GetConstructor([typeof(string)])!;
    private static readonly ConstructorInfo ArgumentNullConstructor = typeof(ArgumentNullException).GetConstructor([typeof(string)])!;
    private static readonly MethodInfo SetErrorMethod = typeof(RuleOps).GetMethod(nameof(RuleOps.SetError))!;
    private readonly RuleSchema _schema;
    private readonly bool _interpreted;

    // The end of the rule: a record error found without an exception (a null element) jumps here with false.
    private readonly LabelTarget _exit = Expression.Label(typeof(bool), "exit");

    private ClrRuleCompiler(RuleSchema schema, bool interpreted)
    {
        _schema = schema;
        _interpreted = interpreted;
    }

    /// <summary>
    /// The rule as a one-argument lambda when it never reads the run's time (no now(), no today()):
    /// one argument less on every call. Null when it does.
    /// </summary>
    public static Expression<Func<T, bool>>? Timeless<T>(Expression<Func<T, RunState, bool>> lambda)
    {
        var finder = new ParameterFinder(lambda.Parameters[1]);
        finder.Visit(lambda.Body);
        return finder.Found ? null : Expression.Lambda<Func<T, bool>>(lambda.Body, lambda.Parameters[0]);
    }

    private sealed class ParameterFinder(ParameterExpression parameter) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == parameter;
            return node;
        }
    }

    /// <summary>The rule's expression tree before compilation (its DebugView shows what a rule becomes).</summary>
    /// <param name="rule">The checked rule.</param>
    /// <param name="schema">The schema of <typeparamref name="T"/>.</param>
    /// <param name="interpreted">
    /// For the interpreter: count, any and all call a helper with their condition as a lambda instead
    /// of being loops, which is a smaller tree, quicker for the interpreter to prepare (it allocates per
    /// element, which the IL must not).
    /// </param>
    internal static Expression<Func<T, RunState, bool>> Lambda<T>(Bound rule, RuleSchema schema, bool interpreted = false)
    {
        if (schema.Clr is null || schema.Clr[schema.Root].Type != typeof(T))
        {
            throw new ArgumentException($"The schema was not made by ClrRuleSchema.For<{typeof(T).Name}>().", nameof(schema));
        }

        var record = Expression.Parameter(typeof(T), "record");
        var state = Expression.Parameter(typeof(RunState), "state");
        var compiler = new ClrRuleCompiler(schema, interpreted);
        var body = compiler.Condition(rule, new Scope(record, schema.Root, state, NeverNull: true));

        // The record's error is caught here, not around the call: a try/catch in CompiledRule<T>.Matches
        // kept it from being inlined into the caller's loop and cost more than the rule's first clause.
        // A try region costs the rule about a tenth of its time even when nothing throws, so it is left
        // out when nothing in the rule can throw one (a null element leaves through the exit label).
        if (RecordErrorFinder.CanThrow(body))
        {
            var error = Expression.Parameter(typeof(RecordErrorException), "error");
            body = Expression.TryCatch(body, Expression.Catch(error, Expression.Call(FailMethod, error)));
        }

        body = Expression.Label(compiler._exit, body);
        if (!typeof(T).IsValueType)
        {
            // Checked here so that callers holding the delegate (ToPredicate) get the same error as Matches.
            body = Expression.Block(
                Expression.IfThen(
                    Expression.ReferenceEqual(record, Expression.Constant(null, typeof(T))),
                    Expression.Throw(Expression.New(ArgumentNullConstructor, Expression.Constant("record")))),
                body);
        }

        return Expression.Lambda<Func<T, RunState, bool>>(body, record, state);
    }

    /// <summary>Finds what in a tree can throw a <see cref="RecordErrorException"/>: a throw, or a call into this assembly not marked <see cref="NoRecordErrorAttribute"/>.</summary>
    private sealed class RecordErrorFinder : ExpressionVisitor
    {
        private bool _found;

        public static bool CanThrow(Expression body)
        {
            var finder = new RecordErrorFinder();
            finder.Visit(body);
            return finder._found;
        }

        public override Expression? Visit(Expression? node) => _found ? node : base.Visit(node);

        protected override Expression VisitUnary(UnaryExpression node)
        {
            _found |= node.NodeType == ExpressionType.Throw;
            return base.VisitUnary(node);
        }

        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            _found |= node.Method.DeclaringType?.Assembly == typeof(RuleOps).Assembly && !node.Method.IsDefined(typeof(NoRecordErrorAttribute), inherit: false);
            return base.VisitMethodCall(node);
        }
    }

    /// <summary>
    /// What bare field names refer to: the rule's record (the root, never null) or a collection element
    /// (never null either by the time it is read: a null element is a record error first).
    /// </summary>
    private sealed record Scope(Expression Record, RuleRecordType Type, ParameterExpression State, bool NeverNull = false);

    private static Type Carrier(RuleType type) => type.Kind switch
    {
        RuleTypeKind.String or RuleTypeKind.Enum => typeof(string),
        RuleTypeKind.Number => typeof(decimal?),
        RuleTypeKind.Boolean => typeof(bool?),
        RuleTypeKind.Date => typeof(LocalDate?),
        RuleTypeKind.Instant => typeof(Instant?),
        RuleTypeKind.Duration => typeof(Duration?),
        RuleTypeKind.Null => typeof(object),
        _ => throw new NotSupportedException($"Rules over CLR types do not handle {type} values yet."),
    };

    private Expression Condition(Bound node, Scope scope) => Truthy(Value(node, scope));

    private static Expression Truthy(Expression value) => value.Type == typeof(bool)
        ? value
        : value.Type == typeof(bool?) ? Expression.Equal(value, Expression.Constant(true, typeof(bool?))) : Expression.Constant(false);

    private Expression Value(Bound node, Scope scope) => node switch
    {
        BoundLiteral literal => Literal(literal.Value, Carrier(literal.Type)),
        BoundField field => Field(field.Path, scope),
        BoundLogical logical => logical.Operands.Select(o => Condition(o, scope)).Aggregate((a, b) => logical.IsAnd ? Expression.AndAlso(a, b) : Expression.OrElse(a, b)),
        BoundNot not => Expression.Not(Condition(not.Operand, scope)),
        BoundNegate negate => Negate(Value(negate.Operand, scope)),
        BoundComparison comparison => Comparison(comparison, scope),
        BoundArithmetic arithmetic => Arithmetic(arithmetic, scope),
        BoundIn inNode => In(inNode, scope),
        BoundIsNull isNull => IsNull(AsValue(Value(isNull.Operand, scope)), isNull.Negated),
        BoundCall call => Call(call, scope),
        BoundAggregate aggregate => aggregate.Kind == AggregateKind.Count ? Expression.Convert(Aggregate(aggregate, scope), typeof(decimal?)) : Aggregate(aggregate, scope),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node.GetType().Name, null),
    };

    private static ConstantExpression Literal(RuleValue value, Type carrier)
    {
        if (value.IsNull)
        {
            return NullValue;
        }

        object constant = value.Kind switch
        {
            RuleTypeKind.String or RuleTypeKind.Enum => value.Text!,
            RuleTypeKind.Number => value.Number,
            RuleTypeKind.Boolean => value.Boolean,
            RuleTypeKind.Date => value.Date,
            RuleTypeKind.Instant => value.Instant,
            RuleTypeKind.Duration => value.Duration,
            _ => throw new NotSupportedException($"Rules over CLR types do not handle {value.Kind} literals yet."),
        };
        return Expression.Constant(constant, carrier);
    }

    private Expression Field(IReadOnlyList<string> path, Scope scope)
    {
        var current = scope.Record;
        var record = scope.Type;
        Expression? guard = null;
        RuleType? type = null;
        for (var i = 0; i < path.Count; i++)
        {
            var property = _schema.Clr![record].Properties[path[i]];
            record.TryGetField(path[i], out type);
            if (i > 0 || (!scope.NeverNull && !current.Type.IsValueType))
            {
                // A null record on the way makes the field null.
                var isNull = Expression.ReferenceEqual(current, Expression.Constant(null, current.Type));
                guard = guard is null ? isNull : Expression.OrElse(guard, isNull);
            }

            current = Expression.Property(current, property);
            if (i < path.Count - 1)
            {
                record = type!.Fields!;
            }
        }

        var value = Convert(current, type!);
        if (guard is null)
        {
            return value;
        }

        return Expression.Condition(guard, Expression.Constant(null, value.Type), value);
    }

    private static Expression Convert(Expression property, RuleType type)
    {
        var clr = property.Type;
        var bare = Nullable.GetUnderlyingType(clr) ?? clr;
        if (type.Kind == RuleTypeKind.Enum)
        {
            return Expression.Call(EnumNames.GetOrAdd(clr, static (clr, bare) => typeof(EnumText<>).MakeGenericType(bare).GetMethod(nameof(EnumText<DayOfWeek>.Of), [clr])!, bare), property);
        }

        if (type.Kind is RuleTypeKind.List or RuleTypeKind.Collection)
        {
            return Expression.Convert(property, Lists.GetOrAdd(ClrRuleSchema.Element(clr)!, ListOf).List);
        }

        if (type.Kind == RuleTypeKind.Record)
        {
            return property;
        }

        var carrier = Carrier(type);
        return clr == carrier ? property : Expression.Convert(property, carrier);
    }

    private static Expression Align(Expression value, Expression other) =>
        value == NullValue && other.Type != typeof(object) ? Expression.Constant(null, other.Type) : value;

    // A condition (not, and, a comparison) is a bool; as an operand it is a boolean value like a field's.
    private static Expression AsValue(Expression value) => value.Type == typeof(bool) ? Expression.Convert(value, typeof(bool?)) : value;

    private Expression Comparison(BoundComparison comparison, Scope scope)
    {
        if (EnumEquality(comparison, scope) is { } direct)
        {
            return direct;
        }

        if (CountComparison(comparison, scope) is { } counted)
        {
            return counted;
        }

        var left = AsValue(Value(comparison.Left, scope));
        var right = AsValue(Value(comparison.Right, scope));
        if (comparison.Test == StringTest.ListContains && right == NullValue)
        {
            // A list contains no null.
            return Expression.Constant(false);
        }

        (left, right) = (Align(left, right), Align(right, left));
        if (comparison.Operator is not (BinaryOperator.Contains or BinaryOperator.StartsWith or BinaryOperator.EndsWith)
            && Unlifted(left) is { } plainLeft && Unlifted(right) is { } plainRight && Common(plainLeft, plainRight) is var (a, b))
        {
            (left, right) = (a, b);
        }

        switch (comparison.Operator)
        {
            case BinaryOperator.Equal or BinaryOperator.NotEqual:
                var equal = left.Type == typeof(object) || right.Type == typeof(object)
                    ? IsNull(left.Type == typeof(object) ? right : left, negated: false)
                    : Ops("Eq", left, right);
                return comparison.Operator == BinaryOperator.Equal ? equal : Expression.Not(equal);
            case BinaryOperator.Contains when comparison.Test == StringTest.ListContains:
                return Ops("ListContains", left, right);
            case BinaryOperator.StartsWith when right is ConstantExpression { Value: string { Length: 1 } prefix }:
                // A one-character prefix is a test of the first character, which the JIT inlines.
                return Expression.AndAlso(
                    Expression.ReferenceNotEqual(left, Expression.Constant(null, typeof(string))),
                    Expression.Call(left, StartsWithChar, Expression.Constant(prefix[0])));
            case BinaryOperator.Contains or BinaryOperator.StartsWith or BinaryOperator.EndsWith:
                return Ops(comparison.Operator.ToString(), left, right);
            default:
                var op = comparison.Operator switch
                {
                    BinaryOperator.Less => RuleOps.Less,
                    BinaryOperator.LessOrEqual => RuleOps.LessOrEqual,
                    BinaryOperator.Greater => RuleOps.Greater,
                    _ => RuleOps.GreaterOrEqual,
                };
                return Ops("Order", left, right, Expression.Constant(op));
        }
    }

    // A value that cannot be null (a non-nullable property, now(), a literal) lifted to its carrier:
    // compared as it is, with no null tests and, for int properties, no decimal arithmetic.
    private static Expression? Unlifted(Expression value) => value switch
    {
        UnaryExpression { NodeType: ExpressionType.Convert } convert
            when Nullable.GetUnderlyingType(convert.Type) is { } bare && convert.Operand.Type.IsValueType && Nullable.GetUnderlyingType(convert.Operand.Type) is null
                && (convert.Operand.Type == bare || (bare == typeof(decimal) && convert.Operand.Type == typeof(int))) => convert.Operand,
        ConstantExpression { Value: not null } constant when Nullable.GetUnderlyingType(constant.Type) is { } bare => Expression.Constant(constant.Value, bare),
        _ => null,
    };

    // Both operands in one type: an int beside a whole literal stays an int; otherwise numbers are decimals.
    private static (Expression Left, Expression Right)? Common(Expression left, Expression right)
    {
        if (left.Type == right.Type)
        {
            return (left, right);
        }

        if (left.Type == typeof(int) && right is ConstantExpression { Value: decimal r } && decimal.Truncate(r) == r && r is >= int.MinValue and <= int.MaxValue)
        {
            return (left, Expression.Constant(decimal.ToInt32(r)));
        }

        if (right.Type == typeof(int) && left is ConstantExpression { Value: decimal l } && decimal.Truncate(l) == l && l is >= int.MinValue and <= int.MaxValue)
        {
            return (Expression.Constant(decimal.ToInt32(l)), right);
        }

        return left.Type == typeof(int) && right.Type == typeof(decimal) ? (Expression.Convert(left, typeof(decimal)), right)
            : right.Type == typeof(int) && left.Type == typeof(decimal) ? (left, Expression.Convert(right, typeof(decimal)))
            : null;
    }

    // count(...) >= 3 compares integers: the count is never null and the literal is whole.
    private BinaryExpression? CountComparison(BoundComparison comparison, Scope scope)
    {
        if (comparison.Left is not BoundAggregate { Kind: AggregateKind.Count } aggregate
            || comparison.Right is not BoundLiteral { Value.HasValue: true } literal
            || comparison.Operator is BinaryOperator.Contains or BinaryOperator.StartsWith or BinaryOperator.EndsWith
            || decimal.Truncate(literal.Value.Number) != literal.Value.Number
            || literal.Value.Number is > int.MaxValue or < int.MinValue)
        {
            return null;
        }

        var count = Aggregate(aggregate, scope);
        var bound = Expression.Constant(decimal.ToInt32(literal.Value.Number));
        return comparison.Operator switch
        {
            BinaryOperator.Equal => Expression.Equal(count, bound),
            BinaryOperator.NotEqual => Expression.NotEqual(count, bound),
            BinaryOperator.Less => Expression.LessThan(count, bound),
            BinaryOperator.LessOrEqual => Expression.LessThanOrEqual(count, bound),
            BinaryOperator.Greater => Expression.GreaterThan(count, bound),
            _ => Expression.GreaterThanOrEqual(count, bound),
        };
    }

    // tier = "A" on an enum property compares enum values, not names.
    private Expression? EnumEquality(BoundComparison comparison, Scope scope)
    {
        if (comparison.Operator is not (BinaryOperator.Equal or BinaryOperator.NotEqual)
            || comparison.Left is not BoundField { Path.Count: 1, Type.Kind: RuleTypeKind.Enum } field
            || comparison.Right is not BoundLiteral { Value.HasValue: true } literal)
        {
            return null;
        }

        var property = Expression.Property(scope.Record, _schema.Clr![scope.Type].Properties[field.Path[0]]);
        var bare = Nullable.GetUnderlyingType(property.Type) ?? property.Type;
        var value = EnumValues.GetOrAdd((bare, literal.Value.Text!), static key => typeof(EnumText<>).MakeGenericType(key.Enum).GetMethod(nameof(EnumText<DayOfWeek>.Parse))!.Invoke(null, [key.Name])!);

        // A value that is no member of the enum has no name: a record error, as reading it as text is.
        // Tested only when it is not the constant, which is a member.
        var text = typeof(EnumText<>).MakeGenericType(bare);
        var read = property.Type == bare ? (Expression)property : Expression.Property(property, "Value");

        // Inline for the usual enum, members 0 to n - 1: a call into EnumText<T> from the rule's
        // dynamic method pays for the generic class's static fields on every record.
        var defined = text.GetProperty(nameof(EnumText<DayOfWeek>.DenseCount))!.GetValue(null) is int count
            ? Expression.LessThan(Expression.Convert(Expression.Convert(read, typeof(int)), typeof(uint)), Expression.Constant((uint)count))
            : (Expression)Expression.Call(text.GetMethod(nameof(EnumText<DayOfWeek>.IsDefined))!, read);
        Expression equal = Expression.OrElse(
            Expression.Equal(read, Expression.Constant(value, bare)),
            Expression.Condition(
                defined,
                Expression.Constant(false),
                RecordError(Expression.Call(text.GetMethod(nameof(EnumText<DayOfWeek>.NotAMember))!, read))));
        if (property.Type != bare)
        {
            equal = Expression.AndAlso(Expression.Property(property, "HasValue"), equal);
        }

        if (!scope.NeverNull && !scope.Record.Type.IsValueType)
        {
            equal = Expression.AndAlso(Expression.ReferenceNotEqual(scope.Record, Expression.Constant(null, scope.Record.Type)), equal);
        }

        return comparison.Operator == BinaryOperator.Equal ? equal : Expression.Not(equal);
    }

    private static Expression IsNull(Expression value, bool negated)
    {
        if (value.Type == typeof(object))
        {
            return Expression.Constant(value == NullValue != negated);
        }

        return negated
            ? Expression.NotEqual(value, Expression.Constant(null, value.Type))
            : Expression.Equal(value, Expression.Constant(null, value.Type));
    }

    private Expression In(BoundIn inNode, Scope scope)
    {
        var value = AsValue(Value(inNode.Operand, scope));
        if (value.Type == typeof(object))
        {
            return Expression.Constant(inNode.Negated);
        }

        var element = Nullable.GetUnderlyingType(value.Type) ?? value.Type;
        var items = Array.CreateInstance(element, inNode.Items.Count);
        for (var i = 0; i < items.Length; i++)
        {
            items.SetValue(Literal(inNode.Items[i], value.Type).Value, i);
        }

        var found = Ops("In", value, Expression.Constant(items));
        return inNode.Negated ? Expression.Not(found) : found;
    }

    private Expression Arithmetic(BoundArithmetic arithmetic, Scope scope)
    {
        var left = Value(arithmetic.Left, scope);
        var right = Value(arithmetic.Right, scope);
        var carrier = Carrier(arithmetic.Type);
        if (left == NullValue || right == NullValue)
        {
            return Expression.Constant(null, carrier == typeof(object) ? typeof(decimal?) : carrier);
        }

        return Ops(arithmetic.Operator.ToString(), left, right);
    }

    private static Expression Negate(Expression value) =>
        value == NullValue ? value : Ops("Negate", value);

    private Expression Call(BoundCall call, Scope scope)
    {
        switch (call.Function)
        {
            case Function.Now:
                return Expression.Convert(Expression.Property(scope.State, nameof(RunState.Now)), typeof(Instant?));
            case Function.Today:
                return Expression.Convert(Expression.Property(scope.State, nameof(RunState.Today)), typeof(LocalDate?));
            case Function.Coalesce:
                var first = AsValue(Value(call.Arguments[0], scope));
                var second = AsValue(Value(call.Arguments[1], scope));
                (first, second) = (Align(first, second), Align(second, first));
                return first == NullValue ? second : second == NullValue ? first : Expression.Coalesce(first, second);
        }

        var argument = Value(call.Arguments[0], scope);
        if (argument == NullValue)
        {
            return Expression.Constant(null, Carrier(call.Type));
        }

        var result = Ops(call.Function.ToString(), argument);
        return argument is ConstantExpression constant ? Fold(result, constant) : result;
    }

    // days(30) is the same duration for every record: computed once here, a constant in the tree.
    private static Expression Fold(MethodCallExpression call, ConstantExpression argument)
    {
        try
        {
            return Expression.Constant(call.Method.Invoke(null, [argument.Value]), call.Type);
        }
        catch (TargetInvocationException e) when (e.InnerException is RecordErrorException)
        {
            // days(1.5) is every record's error: left to run per record.
            return call;
        }
    }

    /// <summary>
    /// An aggregate as a loop inlined into the rule's tree (one compilation per rule, no delegate call
    /// per element): for (i = 0; i &lt; list.Count; i++) { element = list[i]; ... }.
    /// </summary>
    private Expression Aggregate(BoundAggregate aggregate, Scope scope)
    {
        if (_interpreted && aggregate.Kind is AggregateKind.Count or AggregateKind.Any or AggregateKind.All)
        {
            return Helper(aggregate, scope);
        }

        var list = Expression.Variable(Field(aggregate.Path, scope).Type, "list");
        var element = Expression.Variable(list.Type.GetGenericArguments()[0], "element");
        var index = Expression.Variable(typeof(int), "i");
        var done = Expression.Label("done");
        var elementScope = new Scope(element, aggregate.Source.Fields ?? scope.Type, scope.State, NeverNull: aggregate.Source.Kind == RuleTypeKind.Collection);
        var where = aggregate.Where is null ? null : Condition(aggregate.Where, elementScope);
        var variables = new List<ParameterExpression> { list, element, index };
        Expression result;
        Expression step;
        Expression initial;
        switch (aggregate.Kind)
        {
            case AggregateKind.Any or AggregateKind.All:
                var any = aggregate.Kind == AggregateKind.Any;
                var found = Expression.Variable(typeof(bool), "found");
                variables.Add(found);
                initial = Expression.Assign(found, Expression.Constant(!any));

                // any: stop at the first element that passes; all: at the first that fails.
                var test = where ?? Expression.Constant(true);
                step = Expression.IfThen(any ? test : Expression.Not(test), Expression.Block(Expression.Assign(found, Expression.Constant(any)), Expression.Break(done)));
                result = found;
                break;
            case AggregateKind.Count:
                var count = Expression.Variable(typeof(int), "count");
                variables.Add(count);
                initial = Expression.Assign(count, Expression.Constant(0));
                step = where is null ? Expression.PreIncrementAssign(count) : Expression.IfThen(where, Expression.PreIncrementAssign(count));
                result = count;
                break;
            default:
                var value = Expression.Variable(Carrier(aggregate.ElementType!), "value");
                variables.Add(value);
                var read = aggregate.Source.Kind == RuleTypeKind.List ? Expression.Convert(element, value.Type) : Field(aggregate.ElementField, elementScope);
                var take = where is null ? (Expression)Expression.NotEqual(value, Expression.Constant(null, value.Type)) : Expression.AndAlso(where, Expression.NotEqual(value, Expression.Constant(null, value.Type)));
                if (aggregate.Kind is AggregateKind.Sum or AggregateKind.Avg)
                {
                    var sum = Expression.Variable(typeof(decimal?), "sum");
                    var taken = Expression.Variable(typeof(int), "taken");
                    variables.AddRange([sum, taken]);
                    initial = Expression.Block(Expression.Assign(sum, Expression.Constant(0m, typeof(decimal?))), Expression.Assign(taken, Expression.Constant(0)));
                    step = Expression.Block(
                        Expression.Assign(value, read),
                        Expression.IfThen(take, Expression.Block(Expression.Assign(sum, Ops("Add", sum, value)), Expression.PreIncrementAssign(taken))));
                    result = aggregate.Kind == AggregateKind.Sum
                        ? sum
                        : Expression.Condition(Expression.Equal(taken, Expression.Constant(0)), Expression.Constant(null, typeof(decimal?)), Ops("Divide", sum, Expression.Convert(taken, typeof(decimal?))));
                }
                else
                {
                    var best = Expression.Variable(value.Type, "best");
                    variables.Add(best);
                    initial = Expression.Assign(best, Expression.Constant(null, value.Type));
                    var better = Ops("Order", value, best, Expression.Constant(aggregate.Kind == AggregateKind.Max ? RuleOps.Greater : RuleOps.Less));
                    step = Expression.Block(
                        Expression.Assign(value, read),
                        Expression.IfThen(Expression.AndAlso(take, Expression.OrElse(Expression.Equal(best, Expression.Constant(null, value.Type)), better)), Expression.Assign(best, value)));
                    result = best;
                }

                break;
        }

        var members = Lists.GetOrAdd(element.Type, ListOf);
        var count2 = Expression.Property(list, members.Count);
        var item = Expression.Property(list, members.Item, index);
        var loop = Expression.Block(
            Expression.Assign(index, Expression.Constant(0)),
            Expression.Loop(
                Expression.Block(
                    Expression.IfThen(Expression.GreaterThanOrEqual(index, count2), Expression.Break(done)),
                    Expression.Assign(element, item),
                    NullElement(element, aggregate),
                    step,
                    Expression.PreIncrementAssign(index)),
                done));
        return Expression.Block(
            result.Type,
            variables,
            Expression.Assign(list, Field(aggregate.Path, scope)),
            initial,
            Expression.IfThen(Expression.ReferenceNotEqual(list, Expression.Constant(null, list.Type)), loop),
            result);
    }

    private MethodCallExpression Helper(BoundAggregate aggregate, Scope scope)
    {
        var list = Field(aggregate.Path, scope);
        var element = Expression.Parameter(list.Type.GetGenericArguments()[0], "element");
        var elementScope = new Scope(element, aggregate.Source.Fields ?? scope.Type, scope.State, NeverNull: aggregate.Source.Kind == RuleTypeKind.Collection);
        var predicate = typeof(Func<,>).MakeGenericType(element.Type, typeof(bool));
        Expression where = aggregate.Where is null ? Expression.Constant(null, predicate) : Expression.Lambda(predicate, Condition(aggregate.Where, elementScope), element);
        var nullElement = element.Type.IsValueType || aggregate.Source.Kind != RuleTypeKind.Collection ? null : NullElementMessage(aggregate);
        var helper = typeof(RuleOps).GetMethod(aggregate.Kind.ToString())!.MakeGenericMethod(element.Type);
        return Expression.Call(helper, list, where, Expression.Constant(nullElement, typeof(string)));
    }

    private static string NullElementMessage(BoundAggregate aggregate) => $"an element of '{string.Join('.', aggregate.Path)}' should be an object";

    // As in JSON records, an element of a collection of records that is null is bad data: the rule
    // leaves its message for Evaluate and returns false, as the catch of a thrown error does.
    private Expression NullElement(ParameterExpression element, BoundAggregate aggregate) =>
        element.Type.IsValueType || aggregate.Source.Kind != RuleTypeKind.Collection
            ? Expression.Empty()
            : Expression.IfThen(
                Expression.ReferenceEqual(element, Expression.Constant(null, element.Type)),
                RecordError(Expression.Constant(NullElementMessage(aggregate))));

    // A record error found without an exception. In the IL's tree: the message is left for Evaluate
    // and the rule returns false through its exit label, so that no try region is needed. In the
    // interpreter's tree a check may stand inside a lambda passed to count/any/all, from which the
    // outer label cannot be reached: there it is thrown and caught around the rule.
    private Expression RecordError(Expression message) => _interpreted
        ? Expression.Throw(Expression.New(RecordErrorConstructor, message), typeof(bool))
        : Expression.Return(_exit, Expression.Call(SetErrorMethod, message), typeof(bool));

    private static (Type List, PropertyInfo Count, PropertyInfo Item) ListOf(Type element)
    {
        var list = typeof(IReadOnlyList<>).MakeGenericType(element);
        return (list, typeof(IReadOnlyCollection<>).MakeGenericType(element).GetProperty("Count")!, list.GetProperty("Item")!);
    }

    private static MethodCallExpression Ops(string name, params Expression[] arguments)
    {
        var types = arguments.Select(a => a.Type).ToArray();
        var key = (name, types[0], types.Length > 1 ? types[1] : null, types.Length > 2 ? types[2] : null);
        var method = Methods.GetOrAdd(key, _ => typeof(RuleOps).GetMethod(name, BindingFlags.Public | BindingFlags.Static, types)
            ?? Generic(name, types)
            ?? throw new NotSupportedException($"Rules over CLR types do not handle {name}({string.Join(", ", types.Select(t => t.Name))}) yet."));
        return Expression.Call(method, arguments);
    }

    private static MethodInfo? Generic(string name, Type[] types)
    {
        var bare = Nullable.GetUnderlyingType(types[0]) ?? (types[0].IsValueType ? types[0] : null);
        if (bare is null)
        {
            return null;
        }

        foreach (var candidate in typeof(RuleOps).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == name && m.IsGenericMethodDefinition))
        {
            MethodInfo method;
            try
            {
                method = candidate.MakeGenericMethod(bare);
            }
            catch (ArgumentException)
            {
                // The type does not meet the method's constraints.
                continue;
            }

            if (method.GetParameters().Select(p => p.ParameterType).SequenceEqual(types))
            {
                return method;
            }
        }

        return null;
    }
}
