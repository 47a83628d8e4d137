namespace Crm.CustomFields;

/// <summary>Limits on custom fields that every store can keep.</summary>
public static class CustomFieldLimits
{
    /// <summary>The longest text a custom field may declare (<see cref="CustomFieldDefinition.MaxLength"/>).</summary>
    public const int MaxTextLength = 10_000;

    /// <summary>The most custom field values one record may hold.</summary>
    public const int MaxFieldsPerRecord = 200;
}
