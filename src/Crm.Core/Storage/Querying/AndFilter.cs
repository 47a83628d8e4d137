namespace Crm.Storage.Querying;

/// <summary>All of the filters match (an empty list matches everything).</summary>
/// <param name="Filters">The filters.</param>
public sealed record AndFilter(IReadOnlyList<Filter> Filters) : Filter;
