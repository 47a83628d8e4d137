using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>
/// A filter over one entity's records: conditions on fields combined with <c>and</c>/<c>or</c>.
/// Field names are the JSON contract's (<c>lastName</c>, <c>createdAt</c>, <c>email</c>,
/// <c>customFields.tier</c>); docs/storage-rules.md lists them per entity.
/// </summary>
public abstract record Filter
{
    private protected Filter()
    {
    }

    /// <summary>Field equals value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The value.</param>
    /// <returns>The filter.</returns>
    public static Filter Equal(string field, ScalarValue value) => new FieldFilter(field, FilterOperator.Equal, [value]);

    /// <summary>Field differs from value (records without a value match).</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The value.</param>
    /// <returns>The filter.</returns>
    public static Filter NotEqual(string field, ScalarValue value) => new FieldFilter(field, FilterOperator.NotEqual, [value]);

    /// <summary>Field &lt; value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The bound.</param>
    /// <returns>The filter.</returns>
    public static Filter LessThan(string field, ScalarValue value) => new FieldFilter(field, FilterOperator.LessThan, [value]);

    /// <summary>Field &lt;= value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The bound.</param>
    /// <returns>The filter.</returns>
    public static Filter LessThanOrEqual(string field, ScalarValue value) => new FieldFilter(field, FilterOperator.LessThanOrEqual, [value]);

    /// <summary>Field &gt; value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The bound.</param>
    /// <returns>The filter.</returns>
    public static Filter GreaterThan(string field, ScalarValue value) => new FieldFilter(field, FilterOperator.GreaterThan, [value]);

    /// <summary>Field &gt;= value.</summary>
    /// <param name="field">The field.</param>
    /// <param name="value">The bound.</param>
    /// <returns>The filter.</returns>
    public static Filter GreaterThanOrEqual(string field, ScalarValue value) => new FieldFilter(field, FilterOperator.GreaterThanOrEqual, [value]);

    /// <summary>Field in [from, to) — the half-open range that pages and time windows use.</summary>
    /// <param name="field">The field.</param>
    /// <param name="from">The inclusive lower bound.</param>
    /// <param name="to">The exclusive upper bound.</param>
    /// <returns>The filter.</returns>
    public static Filter Range(string field, ScalarValue from, ScalarValue to) => And(GreaterThanOrEqual(field, from), LessThan(field, to));

    /// <summary>Field equals one of the values.</summary>
    /// <param name="field">The field.</param>
    /// <param name="values">The set (at least one value).</param>
    /// <returns>The filter.</returns>
    public static Filter In(string field, params IEnumerable<ScalarValue> values) => new FieldFilter(field, FilterOperator.In, [.. values]);

    /// <summary>Text field starts with a prefix (ordinal).</summary>
    /// <param name="field">The field.</param>
    /// <param name="prefix">The prefix.</param>
    /// <returns>The filter.</returns>
    public static Filter StartsWith(string field, string prefix) => new FieldFilter(field, FilterOperator.StartsWith, [ScalarValue.Text(prefix)]);

    /// <summary>Field has no value.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The filter.</returns>
    public static Filter IsNull(string field) => new FieldFilter(field, FilterOperator.IsNull, []);

    /// <summary>Field has a value.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The filter.</returns>
    public static Filter IsNotNull(string field) => new FieldFilter(field, FilterOperator.IsNotNull, []);

    /// <summary>All filters match.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The filter.</returns>
    public static Filter And(params IEnumerable<Filter> filters) => new AndFilter([.. filters]);

    /// <summary>At least one filter matches.</summary>
    /// <param name="filters">The filters.</param>
    /// <returns>The filter.</returns>
    public static Filter Or(params IEnumerable<Filter> filters) => new OrFilter([.. filters]);

    /// <summary>Combines with <c>and</c>.</summary>
    public static Filter operator &(Filter left, Filter right) => And(left, right);

    /// <summary>Combines with <c>or</c>.</summary>
    public static Filter operator |(Filter left, Filter right) => Or(left, right);

    /// <summary>Combines with <c>and</c>.</summary>
    /// <param name="other">The other filter.</param>
    /// <returns>The filter.</returns>
    public Filter BitwiseAnd(Filter other) => And(this, other);

    /// <summary>Combines with <c>or</c>.</summary>
    /// <param name="other">The other filter.</param>
    /// <returns>The filter.</returns>
    public Filter BitwiseOr(Filter other) => Or(this, other);
}
