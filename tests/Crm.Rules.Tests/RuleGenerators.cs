using CsCheck;
using Crm.Rules.Syntax;

namespace Crm.Rules.Tests;

/// <summary>Random syntax trees of every node kind, in canonical shape (and/or chains flattened), for round-trip properties.</summary>
internal static class RuleGenerators
{
    private static readonly string[] Names = ["tier", "a", "b_1", "count", "days", "x", "Orders", "custom", "AND_", "whereas", "nullable"];
    private static readonly string[] Segments = [.. Names, "and", "in", "null", "where", "true"];
    private static readonly Gen<RuleNode>[] ByDepth = new Gen<RuleNode>[6];

    public static Gen<RuleNode> Node => Tree(4);

    public static Gen<string> Text => Gen.OneOf(
        Gen.String[Gen.Char.Where(c => !char.IsSurrogate(c)), 0, 12],
        Gen.OneOf("", "😀", "a\"b\\c", "tab\tnew\nline", "\u0001\u007f\u0085", "Émile", "\ue000"));

    public static Gen<decimal> Number => Gen.OneOf(
        Gen.Decimal,
        Gen.Int.Select(i => (decimal)i),
        Gen.OneOf(0m, 1.0m, 12.50m, -3m, 0.000m, 79228162514264337593543950335m, -0.0000000000000000000000000001m));

    private static Gen<FieldNode> Field => Gen.Select(Gen.OneOf(Names), Gen.OneOf(Segments).Array[0, 2], (first, rest) => new FieldNode(0, [first, .. rest]));

    private static Gen<RuleNode> Leaf => Gen.OneOf<RuleNode>(
        Gen.Const<RuleNode>(new LiteralNode(0, LiteralKind.Null, null)),
        Gen.Bool.Select(b => (RuleNode)new LiteralNode(0, LiteralKind.Boolean, b)),
        Number.Select(n => (RuleNode)new LiteralNode(0, LiteralKind.Number, n)),
        Text.Select(t => (RuleNode)new LiteralNode(0, LiteralKind.String, t)),
        Field.Select(f => (RuleNode)f),
        Gen.OneOf("now", "today").Select(n => (RuleNode)new CallNode(0, n, [])));

    private static Gen<RuleNode> Tree(int depth)
    {
        if (depth == 0)
        {
            return Leaf;
        }

        if (ByDepth[depth] is { } cached)
        {
            return cached;
        }

        var child = Tree(depth - 1);
        var constant = Gen.OneOf<RuleNode>(
            Number.Select(n => (RuleNode)new LiteralNode(0, LiteralKind.Number, n)),
            Text.Select(t => (RuleNode)new LiteralNode(0, LiteralKind.String, t)),
            Text.Select(t => (RuleNode)new CallNode(0, "date", [new LiteralNode(0, LiteralKind.String, t)])));
        var generator = Gen.Frequency(
            (3, Leaf),
            (2, Gen.Select(Gen.Bool, child.Array[2, 4], (isAnd, operands) => (RuleNode)Logical(isAnd, operands))),
            (1, child.Select(o => (RuleNode)new NotNode(0, o))),
            (1, child.Select(o => (RuleNode)new NegateNode(0, o))),
            (3, Gen.Select(Gen.Enum<BinaryOperator>(), child, child, (op, l, r) => (RuleNode)new BinaryNode(0, op, l, r))),
            (1, Gen.Select(child, constant.Array[0, 3], Gen.Bool, (o, items, negated) => (RuleNode)new InNode(0, o, items, negated))),
            (1, Gen.Select(child, Gen.Bool, (o, negated) => (RuleNode)new IsNullNode(0, o, negated))),
            (1, Gen.Select(Gen.OneOf("lower", "upper", "trim", "length", "days", "hours", "minutes"), child, (name, a) => (RuleNode)new CallNode(0, name, [a]))),
            (1, Gen.Select(child, child, (a, b) => (RuleNode)new CallNode(0, "coalesce", [a, b]))),
            (1, Gen.Select(Gen.Enum<AggregateKind>(), Field, child, Gen.Bool, (kind, path, where, withWhere) =>
                (RuleNode)new AggregateNode(0, kind, path, withWhere || kind == AggregateKind.All ? where : null))));
        return ByDepth[depth] = generator;
    }

    private static LogicalNode Logical(bool isAnd, RuleNode[] operands) =>
        new(0, isAnd, [.. operands.SelectMany(o => o is LogicalNode l && l.IsAnd == isAnd ? l.Operands : [o])]);
}
