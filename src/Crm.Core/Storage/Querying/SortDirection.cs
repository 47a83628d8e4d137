namespace Crm.Storage.Querying;

/// <summary>Sort direction. Ascending puts records without a value first; descending is its exact reverse (they come last).</summary>
public enum SortDirection
{
    /// <summary>Smallest first, nulls first.</summary>
    Ascending,

    /// <summary>Largest first, nulls last.</summary>
    Descending,
}
