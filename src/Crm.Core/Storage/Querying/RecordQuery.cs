namespace Crm.Storage.Querying;

/// <summary>A query as callers write it: a filter, a sort, a page size and the cursor of the previous page.</summary>
public sealed record RecordQuery
{
    /// <summary>The filter, or <see langword="null"/> for all records.</summary>
    public Filter? Filter { get; init; }

    /// <summary>The sort keys; the id (ascending) is always the final tie-breaker. Empty means by id.</summary>
    public IReadOnlyList<SortKey> Sort { get; init; } = [];

    /// <summary>Records per page, 1–<see cref="PageRequest.MaxPageSize"/>.</summary>
    public int PageSize { get; init; } = PageRequest.DefaultPageSize;

    /// <summary>The <see cref="Page{T}.NextCursor"/> of the previous page, or <see langword="null"/> for the first.</summary>
    public string? Cursor { get; init; }
}
