using BenchmarkDotNet.Attributes;
using Crm.Customers;
using Crm.Rules;
using Crm.Rules.Clr;
using DynamicExpresso;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// What a 20-clause rule costs to make ready: parse, type-check and compile until it is usable (the
/// interpreted tier) and until its IL has replaced the interpreter, beside DynamicExpresso parsing
/// and compiling the same 20 clauses written in C#. Steady state (BenchmarkDotNet's throughput
/// strategy): a host compiles rules in a process that is already running.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 21)]
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class RuleCompileBenchmark
{
    private static readonly string TwentyClauses = string.Join(" and ", Enumerable.Range(0, 4).Select(i => $"""
        lifecycleStage != "former" and lastName startsWith "{(char)('A' + i)}" and tags contains "t{i}"
          and createdAt > now() - days({i + 30}) and count(contactPoints where kind = "email" and isPrimary) >= {i}
        """));

    private static readonly string TwentyClausesCSharp = string.Join(" && ", Enumerable.Range(0, 4).Select(i => $"""
        c.LifecycleStage != LifecycleStage.Former && c.LastName != null && c.LastName.StartsWith("{(char)('A' + i)}") && c.Tags.Contains("t{i}")
          && c.CreatedAt > now - Duration.FromDays({i + 30}) && c.ContactPoints.Count(p => p.Kind == ContactPointKind.Email && p.IsPrimary) >= {i}
        """));

    private Crm.Rules.Schema.RuleSchema _schema = null!;
    private Interpreter _interpreter = null!;

    [GlobalSetup]
    public void Setup()
    {
        _schema = ClrRuleSchema.For<ContactData>();
        _interpreter = new Interpreter(InterpreterOptions.Default | InterpreterOptions.LambdaExpressions)
            .Reference(typeof(LifecycleStage)).Reference(typeof(ContactPointKind)).Reference(typeof(Enumerable)).Reference(typeof(Duration))
            .SetVariable("now", SystemClock.Instance.GetCurrentInstant());

        // Both must accept their text, and agree on a contact.
        var contact = new ContactData { Id = ContactId.FromGuid(Guid.CreateVersion7()), TenantId = new TenantId("bench"), LastName = "Adams", Tags = ["t0"] };
        var context = new RuleEvaluationContext(SystemClock.Instance.GetCurrentInstant());
        if (DynamicExpressoDelegate()(contact) != CrmRulesUsable().Matches(contact, context))
        {
            throw new InvalidOperationException("The two forms of the rule disagree.");
        }
    }

    [Benchmark(Baseline = true, Description = "DynamicExpresso parse + compile, 20 clauses")]
    public Func<ContactData, bool> DynamicExpressoDelegate() => _interpreter.ParseAsDelegate<Func<ContactData, bool>>(TwentyClausesCSharp, "c");

    [Benchmark(Description = "Crm.Rules parse + check + compile, 20 clauses (usable, interpreted)")]
    public CompiledRule<ContactData> CrmRulesUsable() => Crm.Rules.Rule.Parse(TwentyClauses).Compile<ContactData>(_schema);

    [Benchmark(Description = "Crm.Rules parse + check + compile, 20 clauses, until the IL replaces the interpreter")]
    public CompiledRule<ContactData> CrmRulesToIl()
    {
        var compiled = Crm.Rules.Rule.Parse(TwentyClauses).Compile<ContactData>(_schema);
        compiled.OptimizeAsync().GetAwaiter().GetResult();
        return compiled;
    }
}
