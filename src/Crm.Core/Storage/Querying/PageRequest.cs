namespace Crm.Storage;

/// <summary>Paging limits.</summary>
public static class PageRequest
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The largest page size.</summary>
    public const int MaxPageSize = 1000;
}
