using Crm.Customers;
using Crm.CustomFields;
using NodaTime;

namespace Crm.Storage.Querying;

/// <summary>Factories for the queryable fields an aggregate family declares (<see cref="IAggregateData{TSelf}.DeclareFields"/>).</summary>
public static class RecordField
{
    /// <summary>A text field.</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name, as in the JSON contract.</param>
    /// <param name="read">Reads the value (null when absent).</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> Text<TData>(string name, Func<TData, string?> read) where TData : AggregateData =>
        new(name, ScalarKind.Text, d => read(d) is { } s ? ScalarValue.Text(s) : null, null);

    /// <summary>A number field.</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="read">Reads the value (null when absent).</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> Number<TData>(string name, Func<TData, decimal?> read) where TData : AggregateData =>
        new(name, ScalarKind.Number, d => read(d) is { } n ? ScalarValue.Number(n) : null, null);

    /// <summary>A boolean field.</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="read">Reads the value (null when absent).</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> Boolean<TData>(string name, Func<TData, bool?> read) where TData : AggregateData =>
        new(name, ScalarKind.Boolean, d => read(d) is { } b ? ScalarValue.Boolean(b) : null, null);

    /// <summary>A date field.</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="read">Reads the value (null when absent).</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> Date<TData>(string name, Func<TData, LocalDate?> read) where TData : AggregateData =>
        new(name, ScalarKind.Date, d => read(d) is { } v ? ScalarValue.Date(v) : null, null);

    /// <summary>An instant field.</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="read">Reads the value (null when absent).</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> Instant<TData>(string name, Func<TData, Instant?> read) where TData : AggregateData =>
        new(name, ScalarKind.Instant, d => read(d) is { } v ? ScalarValue.Instant(v) : null, null);

    /// <summary>An enum field, filtered by the members' camelCase JSON names.</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="read">Reads the value's JSON name.</param>
    /// <param name="allowed">The allowed JSON names.</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> Enum<TData>(string name, Func<TData, string?> read, IReadOnlyList<string> allowed) where TData : AggregateData =>
        new(name, ScalarKind.Text, d => read(d) is { } s ? ScalarValue.Text(s) : null, null, allowed);

    /// <summary>A list of texts (any-element semantics, not sortable).</summary>
    /// <typeparam name="TData">The data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="read">Reads the elements.</param>
    /// <returns>The field.</returns>
    public static RecordField<TData> TextList<TData>(string name, Func<TData, IEnumerable<string>> read) where TData : AggregateData =>
        new(name, ScalarKind.Text, null, d => read(d).Select(ScalarValue.Text));
}
