namespace Crm.Rules.Tests;

/// <summary>Hostile input ends in an error, never a stack overflow: depth is checked while parsing.</summary>
public sealed class LimitTests
{
    [Theory]
    [InlineData("(", ")", "a = 1")]
    [InlineData("not ", "", "a")]
    [InlineData("-", "", "a = 1")]
    [InlineData("lower(", ")", "a") ]
    [InlineData("any(o where ", ")", "a")]
    public void Deep_nesting_is_an_error(string open, string close, string inner)
    {
        var text = string.Concat(Enumerable.Repeat(open, 2_000)) + inner + string.Concat(Enumerable.Repeat(close, 2_000));
        var error = Assert.Throws<RuleException>(() => Rule.Parse(text, RuleLimits.Default with { MaxLength = 1_000_000 }));
        Assert.Contains("nests deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_left_associative_chain_is_deep_too()
    {
        var error = Assert.Throws<RuleException>(() => Rule.Parse(string.Join(" + ", Enumerable.Repeat("1", 100)) + " = a"));
        Assert.Contains("nests deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_flat_and_chain_counts_once()
    {
        var rule = Rule.Parse(string.Join(" and ", Enumerable.Range(0, 500).Select(i => $"a = {i}")));
        Assert.StartsWith("a = 0 and a = 1", rule.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Nesting_at_the_limit_is_accepted_and_one_more_is_not()
    {
        // "not" 63 times around a field: 64 levels.
        Rule.Parse(string.Concat(Enumerable.Repeat("not ", 63)) + "a");
        Assert.Throws<RuleException>(() => Rule.Parse(string.Concat(Enumerable.Repeat("not ", 64)) + "a"));
    }

    [Fact]
    public void Length_and_list_limits_name_the_limit()
    {
        var tooLong = Assert.Throws<RuleException>(() => Rule.Parse("a = \"" + new string('x', 10_000) + "\""));
        Assert.Contains("the limit is 10,000", tooLong.Message, StringComparison.Ordinal);
        var tooMany = Assert.Throws<RuleException>(() => Rule.Parse("a in [" + string.Join(", ", Enumerable.Range(0, 1_001)) + "]"));
        Assert.Contains("at most 1,000 items", tooMany.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_within_its_own_depth_but_beyond_the_text_limits_is_refused_in_json_terms()
    {
        // Twenty comparisons with 600-character strings: 13,000 characters of JSON, over 10,000 of text.
        var json = "{\"and\":[" + string.Join(",", Enumerable.Range(0, 20).Select(_ => "{\"op\":\"=\",\"field\":\"a\",\"value\":\"" + new string('x', 600) + "\"}")) + "]}";
        var error = Assert.Throws<RuleException>(() => Rule.FromJson(json));
        Assert.StartsWith("1:1: $: the rule is beyond the limits once written as text", error.Errors[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_json_is_an_error()
    {
        var json = string.Concat(Enumerable.Repeat("{\"not\":", 500)) + "{\"field\":\"a\"}" + new string('}', 500);
        Assert.Throws<RuleException>(() => Rule.FromJson(json));
    }
}
