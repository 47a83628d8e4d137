using Crm.Customers;

namespace Crm.Storage;

/// <summary>One change in a commit.</summary>
/// <param name="Kind">Insert, update or delete.</param>
/// <param name="Record">The record concerned.</param>
/// <param name="ExpectedVersion">The version the record must have in the store: 0 for an insert, the loaded version for an update or delete.</param>
/// <param name="Data">The new state, whose <see cref="AggregateData.Version"/> is <paramref name="ExpectedVersion"/> + 1; <see langword="null"/> for a delete.</param>
public sealed record StagedWrite(WriteKind Kind, RecordRef Record, long ExpectedVersion, AggregateData? Data);
