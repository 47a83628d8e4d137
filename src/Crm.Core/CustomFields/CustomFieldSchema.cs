using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Crm.CustomFields;

/// <summary>
/// A tenant's custom fields for one entity type (<c>contact</c>, <c>account</c>). Immutable; a
/// new schema replaces the old one as a whole. Records keep values of fields that are later
/// removed until they are next written, when validation reports them.
/// </summary>
public sealed partial class CustomFieldSchema
{
    private readonly FrozenDictionary<string, CustomFieldDefinition> _fields;

    /// <summary>Creates a schema, checking its declarations.</summary>
    /// <param name="entityType">The entity type, e.g. <see cref="Storage.EntityTypes.Contact"/>.</param>
    /// <param name="fields">The field declarations.</param>
    /// <exception cref="ArgumentException">A name is invalid or repeated, a text field has no positive max length, or a choice field has no choices.</exception>
    public CustomFieldSchema(string entityType, IEnumerable<CustomFieldDefinition> fields)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        ArgumentNullException.ThrowIfNull(fields);
        EntityType = entityType;
        var map = new Dictionary<string, CustomFieldDefinition>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Name is null || !NamePattern().IsMatch(field.Name))
            {
                throw new ArgumentException($"Custom field name '{field.Name}' must match ^[a-z][A-Za-z0-9]{{0,63}}$ (a camelCase identifier).", nameof(fields));
            }

            if (field.MaxLength is < 1 or > CustomFieldLimits.MaxTextLength)
            {
                throw new ArgumentException($"Custom field '{field.Name}': MaxLength must be between 1 and {CustomFieldLimits.MaxTextLength}.", nameof(fields));
            }

            if (field.Type == CustomFieldType.Choice && field.Choices.Count == 0)
            {
                throw new ArgumentException($"Custom field '{field.Name}' is a choice field without choices.", nameof(fields));
            }

            if (!map.TryAdd(field.Name, field))
            {
                throw new ArgumentException($"Custom field '{field.Name}' is declared twice.", nameof(fields));
            }
        }

        _fields = map.ToFrozenDictionary(StringComparer.Ordinal);
        Fields = [.. map.Values.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>The entity type the schema applies to.</summary>
    public string EntityType { get; }

    /// <summary>The declared fields, ordered by name.</summary>
    public IReadOnlyList<CustomFieldDefinition> Fields { get; }

    /// <summary>An empty schema: every custom field is unknown.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <returns>The schema.</returns>
    public static CustomFieldSchema Empty(string entityType) => new(entityType, []);

    /// <summary>Finds a field by exact name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="definition">The declaration, when found.</param>
    /// <returns>Whether it is declared.</returns>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CustomFieldDefinition? definition) =>
        _fields.TryGetValue(name, out definition);

    /// <summary>The declared name closest to a misspelt one, for "did you mean" messages.</summary>
    /// <param name="name">The unknown name.</param>
    /// <returns>The suggestion, or <see langword="null"/>.</returns>
    public string? Suggest(string name) => Suggestions.Closest(name, _fields.Keys);

    [GeneratedRegex("^[a-z][A-Za-z0-9]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
