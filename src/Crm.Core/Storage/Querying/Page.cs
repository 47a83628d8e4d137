namespace Crm.Storage.Querying;

/// <summary>One page of a keyset-paged query.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items, in query order.</param>
/// <param name="NextCursor">The cursor of the next page, or <see langword="null"/> when this is the last.</param>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor)
{
    /// <summary>Whether another page follows.</summary>
    public bool HasMore => NextCursor is not null;
}
