namespace Crm.Rules;

/// <summary>
/// Limits that keep hostile rule text from exhausting the stack or memory (docs/rules.md, "Limits").
/// </summary>
public sealed record RuleLimits
{
    /// <summary>The defaults: 10,000 characters, depth 64, 1,000 list items.</summary>
    public static RuleLimits Default { get; } = new();

    /// <summary>Longest rule text accepted, in UTF-16 characters.</summary>
    public int MaxLength { get; init; } = 10_000;

    /// <summary>
    /// Deepest syntax tree accepted. A flat chain of <c>and</c> (or of <c>or</c>) counts once; a pair of
    /// parentheses counts as a level while parsing, so that nesting cannot outgrow the parser's stack.
    /// </summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>Most items in one list literal.</summary>
    public int MaxListItems { get; init; } = 1_000;
}
