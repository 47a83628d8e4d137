namespace Crm.Storage;

/// <summary>
/// Optional capability of an <see cref="ICrmStore"/>: whether reads may run at the same time. The
/// SDK overlaps independent reads (the parts of a 360 view) only on a store that says so; a store
/// without this interface is read one query at a time.
/// </summary>
public interface IConcurrentReadStore
{
    /// <summary>
    /// Whether the store's reads may overlap (each on its own connection, or over thread-safe
    /// memory). A store bound to one connection, such as one inside a host's transaction, says no.
    /// </summary>
    bool AllowsConcurrentReads { get; }
}
