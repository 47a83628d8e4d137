using BenchmarkDotNet.Attributes;
using Crm.Rules;
using Crm.Rules.Syntax;
using Parlot;
using Parlot.Fluent;
using static Parlot.Fluent.Parsers;

namespace Crm.Benchmarks;

/// <summary>
/// The measurement behind the parser choice: the hand-written recursive-descent parser of
/// Crm.Rules against the same grammar written with the parser-combinator library Parlot , building the same syntax tree. The setup checks that both trees print to the same
/// canonical text. The Parlot grammar has no depth limits and no error positions or suggestions,
/// which the hand-written parser gives.
/// </summary>
[MemoryDiagnoser]
public class RuleParserBenchmark
{
    private static readonly string[] Keywords = ["and", "or", "not", "in", "is", "null", "true", "false", "where", "contains", "startsWith", "endsWith"];

    private readonly Parlot.Fluent.Parser<RuleNode> _parlot = ParlotGrammar();
    private string _sixClauses = string.Empty;
    private string _twentyClauses = string.Empty;

    [GlobalSetup]
    public void Setup()
    {
        _sixClauses = """
            lifecycleStage = "customer" and lastName startsWith "S" and tags contains "vip"
              and createdAt > instant("2025-06-01T00:00:00Z") and jobTitle != "Intern" and count(contactPoints where kind = "email") >= 1
            """;
        _twentyClauses = string.Join(" and ", Enumerable.Range(0, 4).Select(i => $"""
            lifecycleStage != "former" and lastName startsWith "{(char)('A' + i)}" and tags contains "t{i}"
              and createdAt > now() - days({i + 30}) and count(contactPoints where kind = "email" and isPrimary) >= {i}
            """));
        string[] more =
        [
            "not (tier in [\"A\", \"B\"] or totalSpend * 2 >= 1000.50) and email is not null",
            "sum(orders.amount where status != \"cancelled\") / 3 > -4 and lower(name) endsWith \"x\"",
        ];
        foreach (var text in more.Append(_sixClauses).Append(_twentyClauses))
        {
            var expected = RulePrinter.Print(HandWritten(text));
            var actual = _parlot.Parse(text) is { } tree ? RulePrinter.Print(tree) : "(no parse)";
            if (actual != expected)
            {
                throw new InvalidOperationException($"Parlot parsed '{text}' as '{actual}', not '{expected}'.");
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written recursive descent, 6 clauses")]
    public int HandWrittenSix() => HandWritten(_sixClauses).Depth;

    [Benchmark(Description = "Parlot, 6 clauses")]
    public int ParlotSix() => _parlot.Parse(_sixClauses)!.Depth;

    [Benchmark(Description = "Hand-written recursive descent, 20 clauses")]
    public int HandWrittenTwenty() => HandWritten(_twentyClauses).Depth;

    [Benchmark(Description = "Parlot, 20 clauses")]
    public int ParlotTwenty() => _parlot.Parse(_twentyClauses)!.Depth;

    private static RuleNode HandWritten(string text) => Crm.Rules.Syntax.Parser.Parse(new SourceText(text), RuleLimits.Default);

    private static Parser<RuleNode> ParlotGrammar()
    {
        var expression = Deferred<RuleNode>();
        Parser<TextSpan> Keyword(string word) => Terms.Identifier().When((_, t) => t.Span.SequenceEqual(word));
        var name = Terms.Identifier().When((_, t) => !Keywords.Contains(t.ToString()));
        var path = Separated(Literals.Char('.'), name).Then(names => new FieldNode(0, [.. names.Select(n => n.ToString())]));

        var number = Terms.Decimal().Then<RuleNode>(d => new LiteralNode(0, LiteralKind.Number, d));
        var text = Terms.String(StringLiteralQuotes.Double).Then<RuleNode>(s => new LiteralNode(0, LiteralKind.String, s.ToString()));
        var constant = Keyword("true").Then<RuleNode>(_ => new LiteralNode(0, LiteralKind.Boolean, true))
            .Or(Keyword("false").Then<RuleNode>(_ => new LiteralNode(0, LiteralKind.Boolean, false)))
            .Or(Keyword("null").Then<RuleNode>(_ => new LiteralNode(0, LiteralKind.Null, null)));
        var aggregate = Terms.Identifier().When((_, t) => Functions.Aggregates.ContainsKey(t.ToString()))
            .AndSkip(Terms.Char('('))
            .And(path)
            .And(ZeroOrOne(Keyword("where").SkipAnd(expression)))
            .AndSkip(Terms.Char(')'))
            .Then<RuleNode>(x => new AggregateNode(0, Functions.Aggregates[x.Item1.ToString()], x.Item2, x.Item3.Count > 0 ? x.Item3[0] : null));
        var call = name.AndSkip(Terms.Char('('))
            .And(Separated(Terms.Char(','), expression).Or(Always<IReadOnlyList<RuleNode>>([])))
            .AndSkip(Terms.Char(')'))
            .Then<RuleNode>(x => new CallNode(0, x.Item1.ToString(), x.Item2));
        var group = Between(Terms.Char('('), expression, Terms.Char(')'));
        var primary = OneOf(number, text, constant, aggregate, call, group, path.Then<RuleNode>(f => f));

        // As the hand-written parser, a minus before a number literal makes a negative literal.
        var unary = primary.Unary((Terms.Char('-'), operand => operand is LiteralNode { Kind: LiteralKind.Number } literal
            ? new LiteralNode(0, LiteralKind.Number, -literal.Number)
            : new NegateNode(0, operand)));
        var multiplicative = unary.LeftAssociative(
            (Terms.Char('*'), (a, b) => new BinaryNode(0, BinaryOperator.Multiply, a, b)),
            (Terms.Char('/'), (a, b) => new BinaryNode(0, BinaryOperator.Divide, a, b)));
        var additive = multiplicative.LeftAssociative(
            (Terms.Char('+'), (a, b) => new BinaryNode(0, BinaryOperator.Add, a, b)),
            (Terms.Char('-'), (a, b) => new BinaryNode(0, BinaryOperator.Subtract, a, b)));

        var list = Between(Terms.Char('['), Separated(Terms.Char(','), expression), Terms.Char(']'));
        var comparisonOperator = OneOf(
            Terms.Text("!=").Then(_ => BinaryOperator.NotEqual),
            Terms.Text("<=").Then(_ => BinaryOperator.LessOrEqual),
            Terms.Text(">=").Then(_ => BinaryOperator.GreaterOrEqual),
            Terms.Text("=").Then(_ => BinaryOperator.Equal),
            Terms.Text("<").Then(_ => BinaryOperator.Less),
            Terms.Text(">").Then(_ => BinaryOperator.Greater),
            Keyword("contains").Then(_ => BinaryOperator.Contains),
            Keyword("startsWith").Then(_ => BinaryOperator.StartsWith),
            Keyword("endsWith").Then(_ => BinaryOperator.EndsWith));
        var suffix = OneOf(
            comparisonOperator.And(additive).Then<Func<RuleNode, RuleNode>>(x => left => new BinaryNode(0, x.Item1, left, x.Item2)),
            Keyword("in").SkipAnd(list).Then<Func<RuleNode, RuleNode>>(items => left => new InNode(0, left, items, negated: false)),
            Keyword("not").SkipAnd(Keyword("in")).SkipAnd(list).Then<Func<RuleNode, RuleNode>>(items => left => new InNode(0, left, items, negated: true)),
            Keyword("is").SkipAnd(ZeroOrOne(Keyword("not"))).AndSkip(Keyword("null")).Then<Func<RuleNode, RuleNode>>(not => left => new IsNullNode(0, left, negated: not.Count > 0)));
        var comparison = additive.And(ZeroOrOne(suffix)).Then(x => x.Item2.Count == 0 ? x.Item1 : x.Item2[0](x.Item1));

        var negation = Deferred<RuleNode>();
        negation.Parser = Keyword("not").SkipAnd(negation).Then<RuleNode>(operand => new NotNode(0, operand)).Or(comparison);
        var and = Separated(Keyword("and"), negation).Then(operands => operands.Count == 1 ? operands[0] : new LogicalNode(0, isAnd: true, [.. operands]));
        var or = Separated(Keyword("or"), and).Then(operands => operands.Count == 1 ? operands[0] : new LogicalNode(0, isAnd: false, [.. operands]));
        expression.Parser = or;
        return expression.Eof();
    }
}
