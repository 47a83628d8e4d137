using Crm.Customers;
using Crm.Events;
using Crm.Storage;

namespace Crm.Sessions;

/// <summary>One tracked change with what to do once it is committed.</summary>
internal sealed record PendingChange(WriteKind Kind, AggregateData Data, long ExpectedVersion, IReadOnlyList<IDomainEvent> Events, Action<AggregateData?> OnCommitted);
