namespace Crm.Storage;

/// <summary>What a change feed entry records.</summary>
public enum ChangeKind
{
    /// <summary>The record was inserted or updated; load it for its state.</summary>
    Upserted,

    /// <summary>The record was deleted (a tombstone).</summary>
    Deleted,
}
