using Crm.Customers;
using Crm.Events;
using Crm.Storage;

namespace Crm.Sessions;

/// <summary>One tracked change with what to do once it is committed.</summary>
// Original: the record as loaded, or null for an insert (delete checks compare it with Data).
internal sealed record PendingChange(WriteKind Kind, AggregateData Data, AggregateData? Original, long ExpectedVersion, IReadOnlyList<IDomainEvent> Events, Action<AggregateData?> OnCommitted);
