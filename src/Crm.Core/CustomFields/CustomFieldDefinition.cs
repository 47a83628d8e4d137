namespace Crm.CustomFields;

/// <summary>
/// The declaration of one custom field in a tenant's schema. Names are camelCase identifiers
/// (<c>^[a-z][A-Za-z0-9]{0,63}$</c>), as they appear in the JSON contract under <c>customFields</c>.
/// </summary>
public sealed record CustomFieldDefinition
{
    /// <summary>The field's name, e.g. <c>erpSegment</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The field's type.</summary>
    public required CustomFieldType Type { get; init; }

    /// <summary>Whether every record must have a value.</summary>
    public bool Required { get; init; }

    /// <summary>For <see cref="CustomFieldType.Text"/>: the longest text accepted (default 1,000).</summary>
    public int MaxLength { get; init; } = 1000;

    /// <summary>For <see cref="CustomFieldType.Number"/>: the smallest value accepted, if any.</summary>
    public decimal? Minimum { get; init; }

    /// <summary>For <see cref="CustomFieldType.Number"/>: the largest value accepted, if any.</summary>
    public decimal? Maximum { get; init; }

    /// <summary>For <see cref="CustomFieldType.Choice"/>: the allowed values (exact, case-sensitive).</summary>
    public IReadOnlyList<string> Choices { get; init; } = [];

    /// <summary>The kind of value this field stores.</summary>
    public ScalarKind ValueKind => Type switch
    {
        CustomFieldType.Number => ScalarKind.Number,
        CustomFieldType.Boolean => ScalarKind.Boolean,
        CustomFieldType.Date => ScalarKind.Date,
        CustomFieldType.Instant => ScalarKind.Instant,
        _ => ScalarKind.Text,
    };
}
