namespace Crm.Validation;

/// <summary>The limits validation applies to customer records; documented in docs/customer-model.md.</summary>
public static class CustomerLimits
{
    /// <summary>Names (first, last, account name) and job titles.</summary>
    public const int NameLength = 200;

    /// <summary>Other short texts: industry, address lines, city, region, consent source.</summary>
    public const int ShortText = 200;

    /// <summary>Web sites.</summary>
    public const int UrlLength = 2048;

    /// <summary>Email addresses (RFC 5321).</summary>
    public const int EmailLength = 254;

    /// <summary>Contact points per record.</summary>
    public const int MaxContactPoints = 50;

    /// <summary>Addresses per record.</summary>
    public const int MaxAddresses = 20;

    /// <summary>Tags per record.</summary>
    public const int MaxTags = 100;

    /// <summary>Alternate keys per record.</summary>
    public const int MaxAlternateKeys = 20;

    /// <summary>Alternate key values.</summary>
    public const int AlternateKeyValueLength = 256;

    /// <summary>Each tag.</summary>
    public const int TagLength = 64;

    /// <summary>Postal codes.</summary>
    public const int PostalCodeLength = 32;

    /// <summary>Classification codes.</summary>
    public const int ClassificationLength = 64;

    /// <summary>The most account links of a contact, or relationships of an account.</summary>
    public const int MaxLinks = 100;

    /// <summary>The most codes (roles) in one list.</summary>
    public const int MaxCodes = 16;

    /// <summary>The longest code (a role, a relationship kind, an activity channel).</summary>
    public const int CodeLength = 64;
}
