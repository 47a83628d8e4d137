namespace Crm.CustomFields;

/// <summary>The declared type of a custom field.</summary>
public enum CustomFieldType
{
    /// <summary>Free text up to <see cref="CustomFieldDefinition.MaxLength"/> characters.</summary>
    Text,

    /// <summary>A decimal number, optionally between <see cref="CustomFieldDefinition.Minimum"/> and <see cref="CustomFieldDefinition.Maximum"/>.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date; written in JSON as <c>"2026-01-31"</c>.</summary>
    Date,

    /// <summary>A moment; written in JSON as <c>"2026-01-31T10:00:00Z"</c>.</summary>
    Instant,

    /// <summary>One of <see cref="CustomFieldDefinition.Choices"/>, stored as text.</summary>
    Choice,
}
