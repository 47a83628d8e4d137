using CsCheck;
using Crm.Rules.Syntax;

namespace Crm.Rules.Tests;

/// <summary>RULES.md's round trips: text → JSON → text gives the canonical text; JSON → text → JSON is the identity.</summary>
public sealed class RoundTripTests
{
    [Fact]
    public void Printing_a_tree_and_parsing_it_back_gives_the_same_canonical_text() =>
        RuleGenerators.Node.Sample(node =>
        {
            var text = RulePrinter.Print(node);
            var reparsed = Rule.Parse(text);
            Assert.Equal(text, reparsed.Text);
        }, iter: 20_000);

    [Fact]
    public void Json_to_text_to_json_is_the_identity() =>
        RuleGenerators.Node.Sample(node =>
        {
            var json = RuleJson.Write(node);
            var rule = Rule.FromJson(json);
            Assert.Equal(json, rule.ToJson());
            Assert.Equal(RulePrinter.Print(node), rule.Text);
        }, iter: 20_000);

    [Theory]
    [InlineData("a   =\n 1", "a = 1")]
    [InlineData("((a = 1)) and (b = 2 and c = 3)", "a = 1 and b = 2 and c = 3")]
    [InlineData("a = 1 or (b = 2 or c = 3) and d", "a = 1 or (b = 2 or c = 3) and d")]
    [InlineData("a = 1 or (b = 2 or c = 3)", "a = 1 or b = 2 or c = 3")]
    [InlineData("(a = 1 or b = 2) and c", "(a = 1 or b = 2) and c")]
    [InlineData("not (a = 1)", "not a = 1")]
    [InlineData("not (a and b)", "not (a and b)")]
    [InlineData("a - (b - c) = 1", "a - (b - c) = 1")]
    [InlineData("(a - b) - c = 1", "a - b - c = 1")]
    [InlineData("a + (b + c) = 1", "a + (b + c) = 1")]
    [InlineData("a * (b + c) = 1", "a * (b + c) = 1")]
    [InlineData("-(5) = a", "-(5) = a")]
    [InlineData("- 5 = a", "-5 = a")]
    [InlineData("a - -5 = 1", "a - -5 = 1")]
    [InlineData("--a = 1", "-(-a) = 1")]
    [InlineData("12.50 = 012.50", "12.50 = 12.50")]
    [InlineData("x.and.in = 1", "x.and.in = 1")]
    [InlineData("name = \"\\u00e9\\t\\u0001\"", "name = \"é\\t\\u0001\"")]
    [InlineData("(a = b) = c", "(a = b) = c")]
    public void Canonical_text(string text, string canonical)
    {
        var rule = Rule.Parse(text);
        Assert.Equal(canonical, rule.Text);
        Assert.Equal(canonical, Rule.FromJson(rule.ToJson()).Text);
    }

    [Fact]
    public void The_json_example_of_rules_md_is_what_to_json_writes() =>
        Assert.Equal(
            """{"and":[{"op":"in","field":"tier","value":["A","B"]},{"op":">=","field":"totalSpend","value":1000}]}""",
            Rule.Parse("tier in [\"A\", \"B\"] and totalSpend >= 1000").ToJson());

    [Theory]
    [InlineData("""{"and":[{"op":"=","field":"a","value":1}]}""", "two operands or more")]
    [InlineData("""{"and":[{"and":[{"field":"a"},{"field":"b"}]},{"field":"c"}]}""", "written flat")]
    [InlineData("""{"op":"=","left":{"field":"a"},"right":{"value":1}}""", "canonical form")]
    [InlineData("""{"op":"in","field":"a","value":[{"value":1}]}""", "plain JSON value")]
    [InlineData("""{"op":"=","field":"a","value":1e3}""", "not a canonical decimal")]
    [InlineData("""{"op":"=","field":"a","value":1,"extra":true}""", "unexpected property 'extra'")]
    [InlineData("""{"field":"and"}""", "keyword 'and'")]
    [InlineData("""{"field":"AND"}""", "misspelt")]
    [InlineData("""{"fn":"eval","args":[]}""", "unknown function")]
    [InlineData("""{"op":"=","field":"a","value":"\ud800"}""", "Unicode")]
    [InlineData("""[1,2]""", "expected a node")]
    [InlineData("""{"op":"=","field":"a b","value":1}""", "not a field path")]
    public void Non_canonical_or_invalid_json_is_refused_with_its_path(string json, string fragment)
    {
        var error = Assert.Throws<RuleException>(() => Rule.FromJson(json));
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }
}

/// <summary>The examples of docs/rules.md stay valid rules.</summary>
public sealed class DocumentationTests
{
    [Fact]
    public void Every_example_rule_in_the_reference_parses()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docs", "rules.md")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        var text = File.ReadAllText(Path.Combine(directory.FullName, "docs", "rules.md"));
        var examples = text[text.IndexOf("## Examples", StringComparison.Ordinal)..text.IndexOf("## Not built yet", StringComparison.Ordinal)];
        var rules = examples.Split("```").Where((_, i) => i % 2 == 1)
            .SelectMany(block => block.Split('\n'))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .ToList();
        Assert.True(rules.Count >= 6);
        Assert.All(rules, line => Rule.Parse(line));
    }
}
