using Crm.Customers;
using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>A field of an entity that filters and sorts can name, with how to read it from a record. Create one with <see cref="RecordField"/>'s factories.</summary>
/// <typeparam name="TData">The entity's data record.</typeparam>
public sealed class RecordField<TData> where TData : AggregateData
{
    internal RecordField(string name, ScalarKind kind, Func<TData, ScalarValue?>? single, Func<TData, IEnumerable<ScalarValue>>? list, IReadOnlyList<string>? allowedText = null)
    {
        Name = name;
        Kind = kind;
        ReadOne = single;
        ReadList = list;
        AllowedText = allowedText;
    }

    /// <summary>The field name, as in the JSON contract.</summary>
    public string Name { get; }

    /// <summary>The kind of its values.</summary>
    public ScalarKind Kind { get; }

    /// <summary>Whether the field holds a list (emails, phones, tags): conditions match when any element does; it cannot be sorted.</summary>
    public bool IsList => ReadList is not null;

    /// <summary>For enum fields, the allowed text values; otherwise <see langword="null"/>.</summary>
    public IReadOnlyList<string>? AllowedText { get; }

    /// <summary>Reads a single-valued field (null when the record has no value).</summary>
    public Func<TData, ScalarValue?>? ReadOne { get; }

    /// <summary>Reads a list field.</summary>
    public Func<TData, IEnumerable<ScalarValue>>? ReadList { get; }
}
