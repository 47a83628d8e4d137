using Crm.Rules.Checking;
using Crm.Rules.Schema;
using Crm.Rules.Syntax;

namespace Crm.Rules;

/// <summary>
/// A parsed rule: its canonical text and JSON forms, and the way to check and compile it against a
/// schema. Parse once, compile per schema, evaluate per record.
/// </summary>
public sealed class Rule
{
    private readonly RuleNode _root;
    private readonly SourceText _source;
    private string? _text;

    private Rule(RuleNode root, SourceText source)
    {
        _root = root;
        _source = source;
    }

    /// <summary>The canonical text: single spaces, minimal parentheses, flattened and/or.</summary>
    // Printed when first asked for: compiling a rule does not need it. Racing threads print the same string.
    public string Text => _text ??= RulePrinter.Print(_root);

    /// <summary>The limits the rule was read with.</summary>
    public RuleLimits Limits { get; private init; } = RuleLimits.Default;

    /// <summary>Parses rule text.</summary>
    /// <param name="text">The rule (docs/rules.md).</param>
    /// <param name="limits">Length, depth and list limits; <see cref="RuleLimits.Default"/> when null.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="RuleException">The text is not a rule; the error names line and column.</exception>
    public static Rule Parse(string text, RuleLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        limits ??= RuleLimits.Default;
        var source = new SourceText(text);
        return new Rule(Parser.Parse(source, limits), source) { Limits = limits };
    }

    /// <summary>Reads the canonical JSON form (docs/rules.md, "JSON form").</summary>
    /// <param name="json">The JSON AST.</param>
    /// <param name="limits">Length, depth and list limits; <see cref="RuleLimits.Default"/> when null.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="RuleException">The JSON is not a canonical rule AST; the message names the JSON path.</exception>
    public static Rule FromJson(string json, RuleLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        limits ??= RuleLimits.Default;
        var node = RuleJson.Read(json, limits);

        // Re-reading the canonical text gives every node a position for type errors, and applies the text limits.
        var text = RulePrinter.Print(node);
        try
        {
            return Parse(text, limits);
        }
        catch (RuleException e)
        {
            // The JSON was well formed but its rule is beyond the text limits (length, depth): say so in JSON terms.
            throw new RuleException(new RuleError(1, 1, $"$: the rule is beyond the limits once written as text ({e.Errors[0].Message})"));
        }
    }

    /// <summary>The canonical JSON AST.</summary>
    /// <returns>The JSON.</returns>
    public string ToJson() => RuleJson.Write(_root);

    /// <summary>Type-checks the rule against a schema.</summary>
    /// <param name="schema">What the rule's fields refer to.</param>
    /// <returns>No errors when the rule is valid for the schema; otherwise the error, with line and column.</returns>
    public IReadOnlyList<RuleError> Check(RuleSchema schema)
    {
        try
        {
            Bind(schema);
            return [];
        }
        catch (RuleException e)
        {
            return e.Errors;
        }
    }

    /// <summary>Checks and compiles the rule for records of a schema.</summary>
    /// <param name="schema">What the rule's fields refer to.</param>
    /// <returns>The compiled rule.</returns>
    /// <exception cref="RuleException">The rule does not type-check against the schema.</exception>
    public CompiledRule Compile(RuleSchema schema) => new(this, Bind(schema));

    /// <summary>
    /// Checks and compiles the rule over a CLR type: usable at once (interpreted), compiled to IL on
    /// the thread pool once it is used (see <see cref="CompiledRule{T}.OptimizeAsync"/>).
    /// </summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="schema">The schema of <typeparamref name="T"/> from <see cref="Clr.ClrRuleSchema.For{T}"/>; built when null.</param>
    /// <returns>The compiled rule.</returns>
    /// <exception cref="RuleException">The rule does not type-check against the schema.</exception>
    public CompiledRule<T> Compile<T>(RuleSchema? schema = null) => Compile<T>(schema, ClrCompilation.Tiered);

    internal CompiledRule<T> Compile<T>(RuleSchema? schema, ClrCompilation compilation)
    {
        schema ??= Clr.ClrRuleSchema.For<T>();
        var bound = Bind(schema);
        System.Linq.Expressions.Expression<Func<T, Evaluation.RunState, bool>> lambda;
        try
        {
            // The interpreter's tree now; the IL's when the rule has been used enough to need it.
            lambda = Clr.ClrRuleCompiler.Lambda<T>(bound, schema, interpreted: compilation != ClrCompilation.Compiled);
        }
        catch (NotSupportedException e)
        {
            // A construct the CLR compiler does not handle yet is an error of this rule, not a crash.
            throw new RuleException(new RuleError(1, 1, e.Message));
        }

        return new CompiledRule<T>(this, bound, lambda, () => Clr.ClrRuleCompiler.Lambda<T>(bound, schema), compilation);
    }

    /// <summary>The canonical text.</summary>
    /// <returns><see cref="Text"/>.</returns>
    public override string ToString() => Text;

    internal Bound Bind(RuleSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        return new TypeChecker(_source, schema).CheckRule(_root);
    }
}
