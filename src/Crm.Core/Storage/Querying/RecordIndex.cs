namespace Crm.Storage.Querying;

/// <summary>
/// An access path a family declares for the reads it serves often: the records whose text field
/// <see cref="Field"/> equals a value (any element, for a list field), in the order of
/// <see cref="Sort"/> with the id as the final tie-break. A relational store creates it as an index
/// on (tenant, field, sort...); the in-memory store keeps it as sorted buckets. Queries that filter
/// the field for equality read only that value's records, and when they also sort by
/// <see cref="Sort"/> they read only the page. Results never depend on indexes.
/// </summary>
/// <param name="Name">The index name, unique in the family (used for database index names).</param>
/// <param name="Field">The text field looked up by equality (e.g. <c>accountId</c>, <c>records</c>).</param>
/// <param name="Sort">The order of the records of one value.</param>
public sealed record RecordIndex(string Name, string Field, IReadOnlyList<SortKey> Sort);
