namespace Crm;

/// <summary>
/// The one error catalogue of the SDK. Codes are stable: hosts may switch on them, translate them
/// and show them. Every code is described in <c>docs/errors.md</c>.
/// </summary>
public static class CrmErrorCodes
{
    /// <summary>A required value is missing or blank.</summary>
    public const string Required = "validation.required";

    /// <summary>A text is longer than its limit.</summary>
    public const string TooLong = "validation.too_long";

    /// <summary>A text contains a NUL character (U+0000), which no store keeps.</summary>
    public const string ContainsNul = "validation.contains_nul";

    /// <summary>An email address is not valid.</summary>
    public const string InvalidEmail = "validation.invalid_email";

    /// <summary>A phone number cannot be read as a valid number (E.164) with the tenant's default region.</summary>
    public const string InvalidPhone = "validation.invalid_phone";

    /// <summary>A value is out of its allowed set or format (a key name, an enum, a currency).</summary>
    public const string InvalidValue = "validation.invalid_value";

    /// <summary>More than one contact point of one kind is marked primary.</summary>
    public const string DuplicatePrimary = "validation.duplicate_primary";

    /// <summary>The same value appears twice where values must be unique within a record (tags, alternate keys, contact points).</summary>
    public const string DuplicateValue = "validation.duplicate_value";

    /// <summary>A collection holds more items than its limit.</summary>
    public const string TooMany = "validation.too_many";

    /// <summary>A custom field is not declared in the tenant's schema.</summary>
    public const string UnknownCustomField = "validation.unknown_custom_field";

    /// <summary>A custom field's value has the wrong type for its declaration.</summary>
    public const string CustomFieldType = "validation.custom_field_type";

    /// <summary>A number is outside its declared range.</summary>
    public const string OutOfRange = "validation.out_of_range";

    /// <summary>A record refers to another record (a contact's account) that does not exist in the tenant.</summary>
    public const string ReferenceNotFound = "validation.reference_not_found";

    /// <summary>No record with that id or alternate key exists (in this tenant).</summary>
    public const string NotFound = "storage.not_found";

    /// <summary>The record changed since it was loaded: the expected version is stale. Reload and retry.</summary>
    public const string ConcurrencyConflict = "storage.concurrency_conflict";

    /// <summary>Another record of the tenant already has that id or alternate key.</summary>
    public const string DuplicateKey = "storage.duplicate_key";

    /// <summary>The store refused the commit without naming a failing record (each write came back "not applied"); nothing was written.</summary>
    public const string NotApplied = "storage.not_applied";

    /// <summary>The change would make a record its own ancestor (e.g. an account under its own subsidiary).</summary>
    public const string HierarchyCycle = "storage.hierarchy_cycle";

    /// <summary>A delete was refused because other records depend on the record.</summary>
    public const string DeleteRefused = "storage.delete_refused";

    /// <summary>A query names a field the entity does not have or cannot filter or sort by.</summary>
    public const string UnknownField = "query.unknown_field";

    /// <summary>A query operator does not apply to the field or its value has the wrong type.</summary>
    public const string InvalidFilter = "query.invalid_filter";

    /// <summary>A paging cursor is malformed or was made for a query with another sort.</summary>
    public const string InvalidCursor = "query.invalid_cursor";

    /// <summary>The page size is outside 1..<see cref="Storage.PageRequest.MaxPageSize"/>.</summary>
    public const string InvalidPageSize = "query.invalid_page_size";

    /// <summary>Two amounts of different currencies were combined without conversion.</summary>
    public const string CurrencyMismatch = "money.currency_mismatch";
}
