using System.Text.Json;
using Crm.Rules.Checking;
using Crm.Rules.Evaluation;
using NodaTime;

namespace Crm.Rules;

/// <summary>The time a rule run sees: <c>now()</c> and the zone <c>today()</c> is taken in. Fixed once per run.</summary>
/// <param name="Now">The instant <c>now()</c> returns.</param>
/// <param name="Zone">The zone of <c>today()</c>; UTC when null.</param>
public sealed record RuleEvaluationContext(Instant Now, DateTimeZone? Zone = null)
{
    private RunState? _state;

    /// <summary>The date <c>today()</c> returns.</summary>
    public LocalDate Today => Now.InZone(Zone ?? DateTimeZone.Utc).Date;

    /// <summary>The run's fixed values, made once so that evaluating a record allocates nothing.</summary>
    internal RunState State => _state ??= new RunState(Now, Today);
}

/// <summary>Whether a record matched, or the error that left it unmatched (bad data, division by zero, overflow).</summary>
/// <param name="Matched">True when the rule holds for the record.</param>
/// <param name="Error">Why the record could not be evaluated; null when it could.</param>
public readonly record struct RuleResult(bool Matched, string? Error);

/// <summary>A rule's result for one record with the value of every sub-expression evaluated, in evaluation order.</summary>
/// <param name="Result">The result.</param>
/// <param name="Trace">Each evaluated sub-expression (short-circuited ones are absent).</param>
public sealed record RuleExplanation(RuleResult Result, IReadOnlyList<RuleTraceEntry> Trace);

/// <summary>A rule checked and compiled for one schema; thread-safe, reusable for any number of records.</summary>
public sealed class CompiledRule
{
    private readonly JsonEvaluator _evaluate;
    private readonly Bound _bound;
    private JsonEvaluator? _explain;

    internal Bound Bound => _bound;

    internal CompiledRule(Rule rule, Bound bound)
    {
        Rule = rule;
        _bound = bound;
        _evaluate = JsonRuleCompiler.Compile(bound, trace: false);
    }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>Evaluates the rule over one JSON record (absent fields are null).</summary>
    /// <param name="record">The record, a JSON object.</param>
    /// <param name="context">The run's time.</param>
    /// <returns>Matched, or the record's error; never throws for bad data.</returns>
    public RuleResult Evaluate(JsonElement record, RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Run(_evaluate, record, context.State);
    }

    /// <summary>
    /// The rule as a SQL condition over a JSON document column (<see cref="RuleSql"/>): a superset of
    /// the matching rows, to be re-checked with <see cref="Evaluate"/>.
    /// </summary>
    /// <param name="dialect">The database.</param>
    /// <param name="documentColumn">The SQL expression of the document column, inserted as written (a trusted identifier, never user input).</param>
    /// <param name="context">The run's time: <c>now()</c> and <c>today()</c> are folded into constants.</param>
    /// <returns>The condition and its parameters.</returns>
    public RuleSql ToJsonSql(JsonSqlDialect dialect, string documentColumn, RuleEvaluationContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(documentColumn);
        ArgumentNullException.ThrowIfNull(context);
        return Pushdown.JsonSqlPushdown.Translate(_bound, dialect, documentColumn, context.State);
    }

    /// <summary>Evaluates the rule over one record and returns every sub-expression's value.</summary>
    /// <param name="record">The record, a JSON object.</param>
    /// <param name="context">The run's time.</param>
    /// <returns>The result and its trace.</returns>
    public RuleExplanation Explain(JsonElement record, RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _explain ??= JsonRuleCompiler.Compile(_bound, trace: true);
        var state = new RunState(context.Now, context.Today) { Trace = [] };
        var result = Run(_explain, record, state);
        return new RuleExplanation(result, state.Trace);
    }

    private static RuleResult Run(JsonEvaluator evaluator, JsonElement record, RunState state)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return new RuleResult(false, "the record is not a JSON object");
        }

        try
        {
            return new RuleResult(JsonRuleCompiler.IsTrue(evaluator(record, state)), null);
        }
        catch (RecordErrorException e)
        {
            return new RuleResult(false, e.Message);
        }
    }
}

/// <summary>
/// A rule checked and compiled to IL over a CLR type (schema from <see cref="Clr.ClrRuleSchema"/>):
/// thread-safe, no allocation per record.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CompiledRule<T>
{
    private readonly Func<T, RunState, bool>? _evaluate;
    private readonly Func<T, bool>? _timeless;

    internal CompiledRule(Rule rule, Bound bound, Func<T, RunState, bool>? evaluate, Func<T, bool>? timeless)
    {
        Rule = rule;
        Bound = bound;
        _evaluate = evaluate;
        _timeless = timeless;
    }

    /// <summary>The checked rule (for pushdown).</summary>
    internal Bound Bound { get; }

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>Evaluates the rule over one record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="context">The run's time; make one per run and reuse it.</param>
    /// <returns>Matched, or the record's error (division by zero, overflow); never throws for them.</returns>
    public RuleResult Evaluate(T record, RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            return new RuleResult(_timeless is not null ? _timeless(record) : _evaluate!(record, context.State), null);
        }
        catch (RecordErrorException e)
        {
            return new RuleResult(false, e.Message);
        }
    }

    /// <summary>Whether the rule holds for a record; a record the rule cannot evaluate does not match.</summary>
    /// <param name="record">The record.</param>
    /// <param name="context">The run's time; make one per run and reuse it.</param>
    /// <returns>True when it matches.</returns>
    public bool Matches(T record, RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);

        // The hot path of selections: no result record, just the delegate.
        try
        {
            return _timeless is not null ? _timeless(record) : _evaluate!(record, context.State);
        }
        catch (RecordErrorException)
        {
            return false;
        }
    }
}
