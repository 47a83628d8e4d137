namespace Crm.Storage.Querying;

/// <summary>The operators of the filter model. Semantics are in docs/storage-rules.md.</summary>
public enum FilterOperator
{
    /// <summary>Equal (text exactly, numbers by value). On a list field: any element equals.</summary>
    Equal,

    /// <summary>Not equal; a record without a value matches (IS DISTINCT FROM). On a list field: no element equals.</summary>
    NotEqual,

    /// <summary>Less than; a record without a value does not match.</summary>
    LessThan,

    /// <summary>Less than or equal; a record without a value does not match.</summary>
    LessThanOrEqual,

    /// <summary>Greater than; a record without a value does not match.</summary>
    GreaterThan,

    /// <summary>Greater than or equal; a record without a value does not match.</summary>
    GreaterThanOrEqual,

    /// <summary>Equal to one of a set of values. On a list field: any element is in the set.</summary>
    In,

    /// <summary>Text starts with a prefix (ordinal, case-sensitive). On a list field: any element does.</summary>
    StartsWith,

    /// <summary>Has no value (a list field: is empty).</summary>
    IsNull,

    /// <summary>Has a value (a list field: is not empty).</summary>
    IsNotNull,
}
