using Crm.Rules.Evaluation;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;

namespace Crm.Rules.Checking;

/// <summary>A type-checked node: its type, what it refers to, and the syntax it came from (for traces and errors).</summary>
internal abstract class Bound(RuleNode syntax, RuleType type)
{
    public RuleNode Syntax { get; } = syntax;

    public RuleType Type { get; } = type;
}

internal sealed class BoundLiteral(RuleNode syntax, RuleType type, RuleValue value) : Bound(syntax, type)
{
    public RuleValue Value { get; } = value;
}

/// <summary>A field of the current scope (the record, or the element inside <c>where</c>), through nested records.</summary>
internal sealed class BoundField(RuleNode syntax, RuleType type, IReadOnlyList<string> path) : Bound(syntax, type)
{
    public IReadOnlyList<string> Path { get; } = path;
}

internal enum Function
{
    Lower,
    Upper,
    Trim,
    Length,
    Coalesce,
    Days,
    Hours,
    Minutes,
    Now,
    Today,
}

internal sealed class BoundCall(RuleNode syntax, RuleType type, Function function, IReadOnlyList<Bound> arguments) : Bound(syntax, type)
{
    public Function Function { get; } = function;

    public IReadOnlyList<Bound> Arguments { get; } = arguments;
}

internal sealed class BoundNegate(RuleNode syntax, Bound operand) : Bound(syntax, operand.Type)
{
    public Bound Operand { get; } = operand;
}

internal sealed class BoundNot(RuleNode syntax, Bound operand) : Bound(syntax, RuleType.Boolean)
{
    public Bound Operand { get; } = operand;
}

internal sealed class BoundLogical(RuleNode syntax, bool isAnd, IReadOnlyList<Bound> operands) : Bound(syntax, RuleType.Boolean)
{
    public bool IsAnd { get; } = isAnd;

    public IReadOnlyList<Bound> Operands { get; } = operands;
}

internal enum StringTest
{
    Contains,
    StartsWith,
    EndsWith,
    ListContains,
}

/// <summary>A comparison (=, !=, &lt;, ...) or a string/list test.</summary>
internal sealed class BoundComparison(RuleNode syntax, BinaryOperator op, Bound left, Bound right) : Bound(syntax, RuleType.Boolean)
{
    public BinaryOperator Operator { get; } = op;

    public Bound Left { get; } = left;

    public Bound Right { get; } = right;

    public StringTest Test { get; init; }
}

internal enum Arithmetic
{
    Numbers,
    Money,
    MoneyByNumber,
    NumberByMoney,
    InstantDuration,
    DateDays,
    Durations,
}

internal sealed class BoundArithmetic(RuleNode syntax, RuleType type, BinaryOperator op, Bound left, Bound right, Arithmetic mode) : Bound(syntax, type)
{
    public BinaryOperator Operator { get; } = op;

    public Bound Left { get; } = left;

    public Bound Right { get; } = right;

    public Arithmetic Mode { get; } = mode;
}

internal sealed class BoundIn(RuleNode syntax, Bound operand, IReadOnlyList<RuleValue> items, bool negated) : Bound(syntax, RuleType.Boolean)
{
    public Bound Operand { get; } = operand;

    public IReadOnlyList<RuleValue> Items { get; } = items;

    public bool Negated { get; } = negated;
}

internal sealed class BoundIsNull(RuleNode syntax, Bound operand, bool negated) : Bound(syntax, RuleType.Boolean)
{
    public Bound Operand { get; } = operand;

    public bool Negated { get; } = negated;
}

/// <summary>
/// An aggregate over the collection (or list) at <see cref="Path"/>; <see cref="ElementField"/> is the
/// field taken from each element for sum/min/max/avg (empty for a list's own values).
/// </summary>
internal sealed class BoundAggregate(RuleNode syntax, RuleType type, AggregateKind kind, IReadOnlyList<string> path, RuleType source, IReadOnlyList<string> elementField, Bound? where) : Bound(syntax, type)
{
    public AggregateKind Kind { get; } = kind;

    public IReadOnlyList<string> Path { get; } = path;

    /// <summary>The collection or list type at <see cref="Path"/>.</summary>
    public RuleType Source { get; } = source;

    public IReadOnlyList<string> ElementField { get; } = elementField;

    /// <summary>The type of the value taken from each element (for sum/min/max/avg).</summary>
    public RuleType? ElementType { get; init; }

    public Bound? Where { get; } = where;
}
