using NodaTime;

namespace Crm.Events;

/// <summary>What a handler knows about a delivery besides the event itself.</summary>
/// <param name="EventId">The event's unique id: the same on every repeat delivery.</param>
/// <param name="EventType">The event's stable name.</param>
/// <param name="Tenant">The tenant whose commit raised it.</param>
/// <param name="OccurredAt">When that commit happened.</param>
/// <param name="Attempt">1 for the first delivery, more for retries.</param>
public sealed record DomainEventContext(Guid EventId, string EventType, TenantId Tenant, Instant OccurredAt, int Attempt)
{
    /// <summary>The context handlers run in: the system, for the event's tenant. It is also the ambient context during delivery, so <c>OpenSession()</c> works in a handler.</summary>
    public OperationContext OperationContext => OperationContext.ForSystem(Tenant);
}
