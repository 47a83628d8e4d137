namespace Crm.Storage;

/// <summary>What a staged write does.</summary>
public enum WriteKind
{
    /// <summary>Adds a new record (version 1); an existing id is a duplicate key.</summary>
    Insert,

    /// <summary>Replaces a record whose stored version equals the expected version.</summary>
    Update,

    /// <summary>Removes a record whose stored version equals the expected version, leaving a tombstone in the change feed.</summary>
    Delete,
}
