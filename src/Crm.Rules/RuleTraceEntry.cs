namespace Crm.Rules;

/// <summary>One sub-expression of an explained rule and the value it had for the record.</summary>
/// <param name="Depth">Nesting level (0 for the whole rule), for indenting.</param>
/// <param name="Expression">The sub-expression in canonical text.</param>
/// <param name="Value">Its value, as rule text writes it (<c>null</c>, <c>true</c>, <c>"A"</c>, <c>12.50</c>).</param>
public sealed record RuleTraceEntry(int Depth, string Expression, string Value);
