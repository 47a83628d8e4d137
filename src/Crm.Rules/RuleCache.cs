using Crm.Rules.Schema;

namespace Crm.Rules;

/// <summary>
/// A bounded cache of compiled rules, keyed by the rule's canonical AST and the schema's version (and
/// the record type), so that the same rule written with other spacing or parentheses compiles once.
/// Least recently used entries go first; concurrent callers of one key share one compilation.
/// Thread-safe.
/// </summary>
public sealed class RuleCache
{
    private readonly object _gate = new();
    private readonly Dictionary<(string Rule, string Schema, Type? Target), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recency = new();

    /// <summary>Creates a cache.</summary>
    /// <param name="capacity">Most compiled rules kept (at least 1).</param>
    public RuleCache(int capacity = 1_024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        Capacity = capacity;
    }

    /// <summary>Most compiled rules kept.</summary>
    public int Capacity { get; }

    /// <summary>Compiled rules held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The compiled rule for JSON records of a schema, compiling it on first use.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="schema">The schema.</param>
    /// <returns>The compiled rule, shared by every caller of the same canonical rule and schema version.</returns>
    /// <exception cref="RuleException">The rule does not type-check against the schema (not cached).</exception>
    public CompiledRule GetOrCompile(Rule rule, RuleSchema schema)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(schema);
        return (CompiledRule)GetOrAdd((rule.ToJson(), schema.Version, null), () => rule.Compile(schema));
    }

    /// <summary>The compiled rule over a CLR type, compiling it on first use.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="rule">The rule.</param>
    /// <param name="schema">The schema of <typeparamref name="T"/>; <see cref="Clr.ClrRuleSchema.For{T}"/> when null.</param>
    /// <returns>The compiled rule, shared by every caller of the same canonical rule, schema version and type.</returns>
    /// <exception cref="RuleException">The rule does not type-check against the schema (not cached).</exception>
    public CompiledRule<T> GetOrCompile<T>(Rule rule, RuleSchema? schema = null)
    {
        ArgumentNullException.ThrowIfNull(rule);
        schema ??= Clr.ClrRuleSchema.For<T>();
        return (CompiledRule<T>)GetOrAdd((rule.ToJson(), schema.Version, typeof(T)), () => rule.Compile<T>(schema));
    }

    private object GetOrAdd((string Rule, string Schema, Type? Target) key, Func<object> compile)
    {
        Lazy<object> lazy;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _recency.Remove(node);
                _recency.AddFirst(node);
                lazy = node.Value.Compiled;
            }
            else
            {
                lazy = new Lazy<object>(compile, LazyThreadSafetyMode.ExecutionAndPublication);
                _entries[key] = _recency.AddFirst(new Entry(key, lazy));
                if (_entries.Count > Capacity)
                {
                    var oldest = _recency.Last!;
                    _recency.RemoveLast();
                    _entries.Remove(oldest.Value.Key);
                }
            }
        }

        try
        {
            return lazy.Value;
        }
        catch (RuleException)
        {
            // Only compiled rules are kept; a rule that does not check fails again on the next call.
            lock (_gate)
            {
                if (_entries.TryGetValue(key, out var node) && ReferenceEquals(node.Value.Compiled, lazy))
                {
                    _recency.Remove(node);
                    _entries.Remove(key);
                }
            }

            throw;
        }
    }

    private sealed record Entry((string Rule, string Schema, Type? Target) Key, Lazy<object> Compiled);
}
