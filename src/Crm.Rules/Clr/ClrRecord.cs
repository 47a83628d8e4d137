using System.Reflection;

namespace Crm.Rules.Clr;

/// <summary>A CLR type seen as a rule record: the property behind each field.</summary>
/// <param name="Type">The CLR type.</param>
/// <param name="Properties">The property of each field name.</param>
internal sealed record ClrRecord(Type Type, IReadOnlyDictionary<string, PropertyInfo> Properties);
