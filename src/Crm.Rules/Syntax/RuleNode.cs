namespace Crm.Rules.Syntax;

/// <summary>A node of a rule's syntax tree. <see cref="Start"/> is its offset in the text it was parsed from.</summary>
internal abstract class RuleNode(int start, int depth)
{
    public int Start { get; } = start;

    /// <summary>Levels of the tree below and including this node (a flat and/or chain counts once).</summary>
    public int Depth { get; } = depth;

    protected static int Deepest(IEnumerable<RuleNode> nodes) => nodes.Select(n => n.Depth).DefaultIfEmpty(0).Max();
}

internal enum LiteralKind
{
    Null,
    Boolean,
    Number,
    String,
}

/// <summary><c>null</c>, <c>true</c>, a decimal number (its scale kept) or a string.</summary>
internal sealed class LiteralNode(int start, LiteralKind kind, object? value) : RuleNode(start, 1)
{
    public LiteralKind Kind { get; } = kind;

    public object? Value { get; } = value;

    public decimal Number => (decimal)Value!;

    public string Text => (string)Value!;
}

/// <summary>A dotted field path: <c>address.city</c>, <c>custom.industry</c>.</summary>
internal sealed class FieldNode(int start, IReadOnlyList<string> path) : RuleNode(start, 1)
{
    public IReadOnlyList<string> Path { get; } = path;

    public string Dotted => string.Join('.', Path);
}

/// <summary>A call of a function from the closed table (<see cref="Functions"/>).</summary>
internal sealed class CallNode(int start, string name, IReadOnlyList<RuleNode> arguments) : RuleNode(start, 1 + Deepest(arguments))
{
    public string Name { get; } = name;

    public IReadOnlyList<RuleNode> Arguments { get; } = arguments;
}

internal enum AggregateKind
{
    Any,
    All,
    Count,
    Sum,
    Min,
    Max,
    Avg,
}

/// <summary><c>count(orders where amount &gt; 100)</c>, <c>sum(orders.amount)</c>: a collection (or list) path and an optional filter.</summary>
internal sealed class AggregateNode(int start, AggregateKind kind, FieldNode path, RuleNode? where)
    : RuleNode(start, 1 + Math.Max(1, where?.Depth ?? 0))
{
    public AggregateKind Kind { get; } = kind;

    public FieldNode Path { get; } = path;

    public RuleNode? Where { get; } = where;
}

/// <summary>Unary minus of a value that is not a number literal (those fold into negative literals).</summary>
internal sealed class NegateNode(int start, RuleNode operand) : RuleNode(start, 1 + operand.Depth)
{
    public RuleNode Operand { get; } = operand;
}

/// <summary><c>not</c>: two-valued (a null operand counts as false, so <c>not</c> of it is true).</summary>
internal sealed class NotNode(int start, RuleNode operand) : RuleNode(start, 1 + operand.Depth)
{
    public RuleNode Operand { get; } = operand;
}

/// <summary>A flattened chain of <c>and</c> or of <c>or</c> (two operands or more, none of the same kind).</summary>
internal sealed class LogicalNode(int start, bool isAnd, IReadOnlyList<RuleNode> operands) : RuleNode(start, 1 + Deepest(operands))
{
    public bool IsAnd { get; } = isAnd;

    public IReadOnlyList<RuleNode> Operands { get; } = operands;

    public string Keyword => IsAnd ? "and" : "or";
}

internal enum BinaryOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Contains,
    StartsWith,
    EndsWith,
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>A comparison, a string/list test or arithmetic.</summary>
internal sealed class BinaryNode(int start, BinaryOperator op, RuleNode left, RuleNode right) : RuleNode(start, 1 + Math.Max(left.Depth, right.Depth))
{
    public BinaryOperator Operator { get; } = op;

    public RuleNode Left { get; } = left;

    public RuleNode Right { get; } = right;

    public bool IsComparison => Operator <= BinaryOperator.EndsWith;
}

/// <summary><c>x in [..]</c> or <c>x not in [..]</c>.</summary>
internal sealed class InNode(int start, RuleNode operand, IReadOnlyList<RuleNode> items, bool negated) : RuleNode(start, 1 + Math.Max(operand.Depth, Deepest(items)))
{
    public RuleNode Operand { get; } = operand;

    public IReadOnlyList<RuleNode> Items { get; } = items;

    public bool Negated { get; } = negated;
}

/// <summary><c>x is null</c> or <c>x is not null</c>.</summary>
internal sealed class IsNullNode(int start, RuleNode operand, bool negated) : RuleNode(start, 1 + operand.Depth)
{
    public RuleNode Operand { get; } = operand;

    public bool Negated { get; } = negated;
}
