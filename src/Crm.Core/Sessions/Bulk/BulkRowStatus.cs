namespace Crm.Sessions.Bulk;

/// <summary>What a bulk upsert did with one row.</summary>
public enum BulkRowStatus
{
    /// <summary>No record matched the row's key: a new record was inserted.</summary>
    Created,

    /// <summary>The record with the row's key was replaced with the row's values.</summary>
    Updated,

    /// <summary>The row broke a validation rule (see its errors); nothing of it was written.</summary>
    Invalid,

    /// <summary>The store refused the row's record (changed concurrently, a key taken, a reference missing); nothing of it was written.</summary>
    Refused,

    /// <summary>An earlier row of the batch has the same key; only the first row with a key is applied.</summary>
    DuplicateInBatch,
}
