using Crm.Customers;
using Crm.Events;
using Crm.Storage;

namespace Crm.Sessions;

/// <summary>One tracked change and the set that is told once it is committed.</summary>
// Original: the record as loaded, or null for an insert (delete checks compare it with Data).
// Aggregate: the tracked aggregate the change came from (null only for sets that track none).
internal sealed record PendingChange(WriteKind Kind, AggregateData Data, AggregateData? Original, long ExpectedVersion, IReadOnlyList<IDomainEvent> Events, ITrackedSet Set, object? Aggregate)
{
    /// <summary>Tells the set that the change is stored as <paramref name="committed"/> (null for a delete).</summary>
    public void OnCommitted(AggregateData? committed) => Set.Committed(this, committed);
}
