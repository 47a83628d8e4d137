namespace Crm.Storage.Querying;

/// <summary>One sort key. The record id (ascending) always follows as the final tie-breaker.</summary>
/// <param name="Field">A single-valued field.</param>
/// <param name="Direction">The direction.</param>
public sealed record SortKey(string Field, SortDirection Direction = SortDirection.Ascending)
{
    /// <summary>Ascending by a field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The key.</returns>
    public static SortKey Ascending(string field) => new(field);

    /// <summary>Descending by a field.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The key.</returns>
    public static SortKey Descending(string field) => new(field, SortDirection.Descending);
}
