using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>A condition on one field.</summary>
/// <param name="Field">The field name.</param>
/// <param name="Operator">The operator.</param>
/// <param name="Values">The operand(s): none for the null tests, one for comparisons, one or more for <see cref="FilterOperator.In"/>.</param>
public sealed record FieldFilter(string Field, FilterOperator Operator, IReadOnlyList<ScalarValue> Values) : Filter;
