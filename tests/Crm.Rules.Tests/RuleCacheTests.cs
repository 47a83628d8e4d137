using Crm.Rules.Schema;

namespace Crm.Rules.Tests;

public sealed class RuleCacheTests
{
    private static readonly RuleSchema Schema = RuleSchema.Parse("""{"fields": {"tier": {"enum": ["A", "B"]}, "spend": "number"}}""");
    private static readonly RuleSchema OtherVersion = RuleSchema.Parse("""{"fields": {"tier": {"enum": ["A", "B", "C"]}, "spend": "number"}}""");

    [Fact]
    public void The_same_canonical_rule_compiles_once_per_schema_version()
    {
        var cache = new RuleCache();
        var first = cache.GetOrCompile(Rule.Parse("tier = \"A\" and (spend > 1)"), Schema);
        var respaced = cache.GetOrCompile(Rule.Parse("tier   = \"A\"\n and spend > 1"), Schema);
        var otherSchema = cache.GetOrCompile(Rule.Parse("tier = \"A\" and spend > 1"), OtherVersion);
        Assert.Same(first, respaced);
        Assert.NotSame(first, otherSchema);
        Assert.Equal(2, cache.Count);
        Assert.Same(cache.GetOrCompile<Person>(Rule.Parse("spend > 1")), cache.GetOrCompile<Person>(Rule.Parse("(spend > 1)")));
    }

    [Fact]
    public void The_least_recently_used_rule_goes_first_when_the_cache_is_full()
    {
        var cache = new RuleCache(capacity: 2);
        var a = cache.GetOrCompile(Rule.Parse("spend > 1"), Schema);
        cache.GetOrCompile(Rule.Parse("spend > 2"), Schema);
        Assert.Same(a, cache.GetOrCompile(Rule.Parse("spend > 1"), Schema));
        cache.GetOrCompile(Rule.Parse("spend > 3"), Schema);
        Assert.Equal(2, cache.Count);
        Assert.Same(a, cache.GetOrCompile(Rule.Parse("spend > 1"), Schema));
        Assert.NotSame(a, new RuleCache(1).GetOrCompile(Rule.Parse("spend > 1"), Schema));
    }

    [Fact]
    public void A_rule_that_does_not_check_is_not_kept()
    {
        var cache = new RuleCache();
        Assert.Throws<RuleException>(() => cache.GetOrCompile(Rule.Parse("tier = \"C\""), Schema));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Concurrent_callers_of_one_rule_share_one_compilation()
    {
        var cache = new RuleCache();
        using var barrier = new Barrier(8);
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            barrier.SignalAndWait(TestContext.Current.CancellationToken);
            return cache.GetOrCompile(Rule.Parse("spend > 5 and tier in [\"A\"]"), Schema);
        })).ToList();
        var compiled = await Task.WhenAll(tasks);
        Assert.All(compiled, c => Assert.Same(compiled[0], c));
        Assert.Equal(1, cache.Count);
    }
}
