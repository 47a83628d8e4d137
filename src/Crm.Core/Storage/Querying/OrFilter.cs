namespace Crm.Storage.Querying;

/// <summary>At least one of the filters matches (an empty list matches nothing).</summary>
/// <param name="Filters">The filters.</param>
public sealed record OrFilter(IReadOnlyList<Filter> Filters) : Filter;
