namespace Crm.Storage;

/// <summary>What happened to one staged write.</summary>
public enum WriteStatus
{
    /// <summary>Written (the commit succeeded).</summary>
    Written,

    /// <summary>The record to update or delete does not exist in the tenant.</summary>
    NotFound,

    /// <summary>The stored version differs from the expected one.</summary>
    ConcurrencyConflict,

    /// <summary>The id (on insert) or an alternate key is taken by another record of the tenant.</summary>
    DuplicateKey,

    /// <summary>The write would make the record its own ancestor (a parent chain that loops).</summary>
    HierarchyCycle,

    /// <summary>This write was valid, but another write failed, so the commit applied nothing.</summary>
    NotApplied,
}
