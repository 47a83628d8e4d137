namespace Crm.Rules.Schema;

/// <summary>The named fields of a record: the root of a schema, a nested object, or each element of a collection.</summary>
public sealed class RuleRecordType
{
    private readonly Dictionary<string, RuleType> _fields;

    /// <summary>Creates a record type.</summary>
    /// <param name="fields">Field names (case-sensitive) and their types.</param>
    public RuleRecordType(IEnumerable<KeyValuePair<string, RuleType>> fields)
    {
        _fields = new Dictionary<string, RuleType>(fields, StringComparer.Ordinal);
    }

    /// <summary>The fields, by name.</summary>
    public IReadOnlyDictionary<string, RuleType> Fields => _fields;

    /// <summary>Finds a field.</summary>
    /// <param name="name">Its exact name.</param>
    /// <param name="type">Its type, when found.</param>
    /// <returns>Whether the record declares the field.</returns>
    public bool TryGetField(string name, out RuleType type) => _fields.TryGetValue(name, out type!);
}
