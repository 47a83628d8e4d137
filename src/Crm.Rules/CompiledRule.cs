using System.Linq.Expressions;
using System.Runtime.CompilerServices;
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

    // A copy made with `with` gets its own run state: the copied one would hold the original's now().
    private RuleEvaluationContext(RuleEvaluationContext original)
    {
        Now = original.Now;
        Zone = original.Zone;
    }

    /// <summary>The date <c>today()</c> returns.</summary>
    public LocalDate Today => Now.InZone(Zone ?? DateTimeZone.Utc).Date;

    /// <summary>The run's fixed values, made once so that evaluating a record allocates nothing.</summary>
    internal RunState State => _state ??= new RunState(Now, Today);

    /// <summary>Equal when the time and the zone are (the cached run state does not count).</summary>
    /// <param name="other">The other context.</param>
    /// <returns>Whether both fix the same time.</returns>
    public bool Equals(RuleEvaluationContext? other) => other is not null && Now == other.Now && Equals(Zone, other.Zone);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Now, Zone);
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

/// <summary>How a rule over a CLR type becomes a delegate.</summary>
internal enum ClrCompilation
{
    /// <summary>Interpreted at first; compiled to IL on the thread pool once it has evaluated enough records (the default).</summary>
    Tiered,

    /// <summary>Interpreted only: the first tier by itself, for tests.</summary>
    Interpreted,

    /// <summary>Compiled to IL before the rule is returned.</summary>
    Compiled,
}

/// <summary>
/// A rule checked and compiled over a CLR type (schema from <see cref="Clr.ClrRuleSchema"/>):
/// thread-safe. It is usable as soon as it is returned, first through the expression-tree
/// interpreter; after its first thousand records (or on <see cref="OptimizeAsync"/>) it is compiled
/// to IL on the thread pool, which then replaces the interpreter. From then on evaluating a record
/// allocates nothing.
/// </summary>
/// <typeparam name="T">The record type.</typeparam>
public sealed class CompiledRule<T>
{
    // By this many records the interpreter (about 0.75 µs a record for the benchmark's 6-clause rule)
    // has spent about what JIT-compiling the IL costs (2.5 ms for 20 clauses).
    internal const int InterpretedRecords = 1_000;

    private readonly Func<Expression<Func<T, RunState, bool>>> _compiledLambda;

    // Each tier is a complete delegate over the same tree; a reader sees either, and a reference write is atomic.
    private volatile Func<T, RunState, bool>? _evaluate;
    private volatile Func<T, bool>? _timeless;
    private Task? _optimized;
    private int _interpreted;

    /// <param name="rule">The rule.</param>
    /// <param name="bound">The checked rule.</param>
    /// <param name="lambda">The tree for the interpreter; for the IL when <paramref name="compilation"/> is <see cref="ClrCompilation.Compiled"/>.</param>
    /// <param name="compiledLambda">Builds the tree for the IL.</param>
    /// <param name="compilation">How and when the IL is compiled.</param>
    internal CompiledRule(Rule rule, Bound bound, Expression<Func<T, RunState, bool>> lambda, Func<Expression<Func<T, RunState, bool>>> compiledLambda, ClrCompilation compilation)
    {
        Rule = rule;
        Bound = bound;
        if (compilation == ClrCompilation.Compiled)
        {
            _compiledLambda = () => lambda;
            Optimize();
            _optimized = Task.CompletedTask;
            return;
        }

        _compiledLambda = compiledLambda;
        var timelessLambda = Clr.ClrRuleCompiler.Timeless(lambda);

        // JIT-compiling the IL is most of the cost of compiling a rule, so a rule starts out with the
        // interpreter's delegate, which needs no JIT, and counts the records it answers.
        var counted = compilation == ClrCompilation.Tiered;
        if (timelessLambda is not null)
        {
            var interpreted = timelessLambda.Compile(preferInterpretation: true);
            _timeless = counted ? record => Counted(interpreted(record)) : interpreted;
        }
        else
        {
            var interpreted = lambda.Compile(preferInterpretation: true);
            _evaluate = counted ? (record, state) => Counted(interpreted(record, state)) : interpreted;
        }

        if (!counted)
        {
            _optimized = new TaskCompletionSource().Task;
        }
    }

    /// <summary>The checked rule (for pushdown).</summary>
    internal Bound Bound { get; }

    /// <summary>True while records are evaluated by the interpreter, before the IL replaces it.</summary>
    internal bool IsInterpreted => Volatile.Read(ref _optimized) is not { IsCompletedSuccessfully: true };

    /// <summary>True once the IL compilation has been started (by use or by <see cref="OptimizeAsync"/>).</summary>
    internal bool IsOptimizing => Volatile.Read(ref _optimized) is not null;

    /// <summary>The rule.</summary>
    public Rule Rule { get; }

    /// <summary>
    /// Compiles the rule to IL on the thread pool now, unless that has begun (a rule begins it by
    /// itself after its first thousand records). Until the IL replaces it, the interpreter answers,
    /// with the same results, only slower and allocating.
    /// </summary>
    /// <returns>A task that completes when the rule runs as IL; the same task on every call.</returns>
    public Task OptimizeAsync()
    {
        if (Volatile.Read(ref _optimized) is { } started)
        {
            return started;
        }

        var task = new Task(Optimize);
        if (Interlocked.CompareExchange(ref _optimized, task, null) is { } other)
        {
            return other;
        }

        task.Start(TaskScheduler.Default);
        return task;
    }

    /// <summary>Evaluates the rule over one record.</summary>
    /// <param name="record">The record.</param>
    /// <param name="context">The run's time; make one per run and reuse it.</param>
    /// <returns>Matched, or the record's error (division by zero, overflow); never throws for them.</returns>
    public RuleResult Evaluate(T record, RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);

        // The delegate catches the record's error itself and leaves its message for this thread.
        Clr.RuleOps.TakeError();
        var timeless = _timeless;
        var matched = timeless is not null ? timeless(record) : _evaluate!(record, context.State);
        return Clr.RuleOps.TakeError() is { } error ? new RuleResult(false, error) : new RuleResult(matched, null);
    }

    /// <summary>Whether the rule holds for a record; a record the rule cannot evaluate does not match.</summary>
    /// <param name="record">The record.</param>
    /// <param name="context">The run's time; make one per run and reuse it.</param>
    /// <returns>True when it matches.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Matches(T record, RuleEvaluationContext context)
    {
        // The hot path of selections, inlined into the caller's loop: one test and the delegate's call
        // (the delegate checks the record for null). Measured: the argument checks and the choice of
        // delegate, when not inlined, cost the benchmark's rule a sixth of its time.
        var timeless = _timeless;
        return timeless is not null && context is not null ? timeless(record) : MatchesWithState(record, context);
    }

    /// <summary>
    /// The rule as a predicate for one run (<c>records.Where(rule.ToPredicate(context))</c>): once the
    /// rule runs as IL, the compiled delegate itself (bound to the run's time when the rule reads it),
    /// so that nothing stands between the caller's loop and the rule. Before that, a predicate over
    /// <see cref="Matches"/>, which moves to the IL when it is ready; ask again after
    /// <see cref="OptimizeAsync"/> for the direct delegate.
    /// </summary>
    /// <param name="context">The run's time.</param>
    /// <returns>True for the records the rule matches; false for those it cannot evaluate (see <see cref="Evaluate"/>).</returns>
    public Func<T, bool> ToPredicate(RuleEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsInterpreted)
        {
            if (_timeless is { } timeless)
            {
                return timeless;
            }

            var evaluate = _evaluate!;
            var state = context.State;
            return record => evaluate(record, state);
        }

        return record => Matches(record, context);
    }

    // Kept out of the caller's loop: inlined, the run state's lazy creation filled it with NodaTime's calendar code.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool MatchesWithState(T record, RuleEvaluationContext? context)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(context);
        var timeless = _timeless;
        return timeless is not null ? timeless(record) : _evaluate!(record, context.State);
    }

    private bool Counted(bool matched)
    {
        if (Interlocked.Increment(ref _interpreted) == InterpretedRecords)
        {
            OptimizeAsync();
        }

        return matched;
    }

    private void Optimize()
    {
        var lambda = _compiledLambda();
        if (Clr.ClrRuleCompiler.Timeless(lambda) is { } timeless)
        {
            _timeless = timeless.Compile();
        }
        else
        {
            _evaluate = lambda.Compile();
        }
    }
}
