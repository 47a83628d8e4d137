using System.Linq.Dynamic.Core;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Customers;
using Crm.Rules;
using Crm.Rules.Clr;
using DynamicExpresso;
using NodaTime;
using RulesEngine.Models;

namespace Crm.Benchmarks;

/// <summary>
/// One 6-clause rule with a collection aggregate over 1,000,000 in-memory contacts: this engine's
/// compiled delegate beside a hand-written C# lambda (the baseline), DynamicExpresso's and
/// System.Linq.Dynamic.Core's compiled delegates, and Microsoft RulesEngine (over the first 20,000
/// contacts: it is three orders of magnitude slower). Figures are per contact. The cost of compiling
/// a rule is measured by <see cref="RuleCompileBenchmark"/>.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 5, iterationCount: 41)]
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class RuleEngineBenchmark
{
    private const int Total = 1_000_000;
    private const int RulesEngineTotal = 20_000;

    private const string Rule = """
        lifecycleStage = "customer" and lastName startsWith "S" and tags contains "vip"
          and createdAt > instant("2025-06-01T00:00:00Z") and jobTitle != "Intern"
          and count(contactPoints where kind = "email") >= 1
        """;

    private const string CSharp = """
        c.LifecycleStage == LifecycleStage.Customer && c.LastName != null && c.LastName.StartsWith("S", StringComparison.Ordinal) && c.Tags.Contains("vip")
          && c.CreatedAt > cutoff && c.JobTitle != "Intern" && c.ContactPoints.Count(p => p.Kind == ContactPointKind.Email) >= 1
        """;

    private const string DynamicLinq = """
        LifecycleStage == "Customer" && LastName != null && LastName.StartsWith("S") && Tags.Contains("vip")
          && CreatedAt > @0 && JobTitle != "Intern" && ContactPoints.Count(Kind == "Email") >= 1
        """;

    private const string RulesEngineExpression = """
        c.LifecycleStage == "Customer" && c.LastName != null && c.LastName.StartsWith("S") && c.Tags.Contains("vip")
          && c.CreatedAt > cutoff && c.JobTitle != "Intern" && c.ContactPoints.Count(Kind == "Email") >= 1
        """;

    private static readonly Instant Cutoff = Instant.FromUtc(2025, 6, 1, 0, 0);

    private ContactData[] _contacts = [];
    private Func<ContactData, bool> _handWritten = null!;
    private Func<ContactData, bool> _handWrittenTree = null!;
    private CompiledRule<ContactData> _compiled = null!;
    private RuleEvaluationContext _context = null!;
    private Func<ContactData, bool> _predicate = null!;
    private Func<ContactData, bool> _dynamicExpresso = null!;
    private Func<ContactData, bool> _dynamicLinq = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private Crm.Rules.Schema.RuleSchema _schema = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        string[] initials = ["S", "M", "B", "K"];
        LifecycleStage[] stages = [LifecycleStage.Customer, LifecycleStage.Lead, LifecycleStage.Opportunity];
        _contacts = new ContactData[Total];
        for (var i = 0; i < Total; i++)
        {
            _contacts[i] = new ContactData
            {
                Id = ContactId.FromGuid(Guid.CreateVersion7()),
                TenantId = new TenantId("bench"),
                LastName = initials[random.Next(initials.Length)] + "chmidt",
                FirstName = "Anna",
                JobTitle = random.Next(10) == 0 ? "Intern" : "Buyer",
                LifecycleStage = stages[random.Next(stages.Length)],
                Tags = random.Next(2) == 0 ? ["vip", "b2b"] : ["b2b"],
                CreatedAt = Instant.FromUtc(2024, 1, 1, 0, 0) + Duration.FromDays(random.Next(900)),
                ContactPoints = random.Next(4) == 0
                    ? [ContactPoint.Phone("+4930123456")]
                    : [ContactPoint.Phone("+4930123456"), ContactPoint.Email($"c{i}@example.com", primary: true)],
            };
        }

        var cutoff = Cutoff;
        _handWritten = c => c.LifecycleStage == LifecycleStage.Customer && c.LastName is { } last && last.StartsWith('S') && HasTag(c.Tags, "vip")
            && c.CreatedAt > cutoff && c.JobTitle != "Intern" && CountEmails(c.ContactPoints) >= 1;

        // The same lambda through System.Linq.Expressions: what compiling from a tree costs by itself.
        System.Linq.Expressions.Expression<Func<ContactData, bool>> tree = c => c.LifecycleStage == LifecycleStage.Customer && c.LastName != null && c.LastName.StartsWith('S')
            && HasTag(c.Tags, "vip") && c.CreatedAt > cutoff && c.JobTitle != "Intern" && CountEmails(c.ContactPoints) >= 1;
        _handWrittenTree = tree.Compile();

        _schema = ClrRuleSchema.For<ContactData>();
        _compiled = Crm.Rules.Rule.Parse(Rule).Compile<ContactData>(_schema);

        // Measured as IL: the interpreter answers only the first records, until the background compilation is done.
        _compiled.OptimizeAsync().GetAwaiter().GetResult();
        _context = new RuleEvaluationContext(SystemClock.Instance.GetCurrentInstant());
        _predicate = _compiled.ToPredicate(_context);

        var interpreter = new Interpreter(InterpreterOptions.Default | InterpreterOptions.LambdaExpressions)
            .Reference(typeof(LifecycleStage)).Reference(typeof(ContactPointKind)).Reference(typeof(Enumerable)).Reference(typeof(StringComparison))
            .SetVariable("cutoff", cutoff);
        _dynamicExpresso = interpreter.ParseAsDelegate<Func<ContactData, bool>>(CSharp, "c");

        _dynamicLinq = DynamicExpressionParser.ParseLambda<ContactData, bool>(ParsingConfig.Default, false, DynamicLinq, cutoff).Compile();

        var workflow = new Workflow
        {
            WorkflowName = "segment",
            Rules = [new RulesEngine.Models.Rule { RuleName = "vip customers", RuleExpressionType = RuleExpressionType.LambdaExpression, Expression = RulesEngineExpression }],
        };
        _rulesEngine = new RulesEngine.RulesEngine([workflow], new ReSettings { CustomTypes = [typeof(Instant)] });

        var expected = _contacts.Count(_handWritten);
        Check("Crm.Rules", _contacts.Count(c => _compiled.Matches(c, _context)), expected);
        Check("Crm.Rules predicate", _contacts.Count(_predicate), expected);
        Check("expression tree", _contacts.Count(_handWrittenTree), expected);
        Check("DynamicExpresso", _contacts.Count(_dynamicExpresso), expected);
        Check("System.Linq.Dynamic.Core", _contacts.Count(_dynamicLinq), expected);
        Check("RulesEngine", RulesEngineCountAsync().GetAwaiter().GetResult(), _contacts.Take(RulesEngineTotal).Count(_handWritten));
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Total, Description = "Hand-written C# lambda")]
    public int HandWritten() => CountMatches(_contacts, _handWritten);

    [Benchmark(OperationsPerInvoke = Total, Description = "The same lambda compiled from an expression tree")]
    public int HandWrittenTree() => CountMatches(_contacts, _handWrittenTree);

    [Benchmark(OperationsPerInvoke = Total, Description = "Crm.Rules compiled delegate (ToPredicate)")]
    public int CrmRules() => CountMatches(_contacts, _predicate);

    [Benchmark(OperationsPerInvoke = Total, Description = "Crm.Rules CompiledRule.Matches")]
    public int CrmRulesMatches()
    {
        var count = 0;
        var rule = _compiled;
        var context = _context;
        foreach (var contact in _contacts)
        {
            count += rule.Matches(contact, context) ? 1 : 0;
        }

        return count;
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "DynamicExpresso compiled delegate")]
    public int DynamicExpressoDelegate() => CountMatches(_contacts, _dynamicExpresso);

    [Benchmark(OperationsPerInvoke = Total, Description = "System.Linq.Dynamic.Core compiled delegate")]
    public int DynamicLinqDelegate() => CountMatches(_contacts, _dynamicLinq);

    [Benchmark(OperationsPerInvoke = RulesEngineTotal, Description = "Microsoft RulesEngine (first 20,000 contacts)")]
    public Task<int> MicrosoftRulesEngine() => RulesEngineCountAsync();

    private async Task<int> RulesEngineCountAsync()
    {
        var count = 0;
        for (var i = 0; i < RulesEngineTotal; i++)
        {
            var results = await _rulesEngine.ExecuteAllRulesAsync("segment", new RuleParameter("c", _contacts[i]), new RuleParameter("cutoff", Cutoff));
            count += results[0].IsSuccess ? 1 : 0;
        }

        return count;
    }

    // One loop for every delegate, so that each is measured through the same code.
    private static int CountMatches(ContactData[] contacts, Func<ContactData, bool> rule)
    {
        var count = 0;
        foreach (var contact in contacts)
        {
            count += rule(contact) ? 1 : 0;
        }

        return count;
    }

    private static bool HasTag(IReadOnlyList<string> tags, string tag)
    {
        for (var i = 0; i < tags.Count; i++)
        {
            if (string.Equals(tags[i], tag, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static int CountEmails(IReadOnlyList<ContactPoint> points)
    {
        var count = 0;
        for (var i = 0; i < points.Count; i++)
        {
            count += points[i].Kind == ContactPointKind.Email ? 1 : 0;
        }

        return count;
    }

    private static void Check(string engine, int actual, int expected)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{engine} matched {actual:N0} contacts; the hand-written lambda {expected:N0}.");
        }
    }
}
