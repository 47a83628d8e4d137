using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>Where a page ends: the sort values and id of its last record. The next page holds the records strictly after it.</summary>
/// <param name="Values">The last record's values of the sort keys, in order (null for no value).</param>
/// <param name="Id">The last record's id.</param>
public sealed record KeysetPosition(IReadOnlyList<ScalarValue?> Values, Guid Id);
