namespace Crm.Storage.Querying;

/// <summary>A validated query as a store receives it.</summary>
/// <param name="Filter">The filter, or <see langword="null"/> for all records.</param>
/// <param name="Sort">The sort keys (the id follows as the final tie-breaker).</param>
/// <param name="After">The keyset position to continue after, or <see langword="null"/> for the first page.</param>
/// <param name="Limit">The most records to return.</param>
public sealed record StoreQuery(Filter? Filter, IReadOnlyList<SortKey> Sort, KeysetPosition? After, int Limit);
