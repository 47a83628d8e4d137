using NodaTime;

namespace Crm.Storage;

/// <summary>A domain event as stored in the outbox by a commit.</summary>
/// <param name="EventId">The event's unique id (UUIDv7); handlers use it to recognise a repeat delivery.</param>
/// <param name="Tenant">The tenant.</param>
/// <param name="EventType">The stable event name (<c>contact.created</c>).</param>
/// <param name="Subject">The aggregate the event is about; delivery is ordered per subject.</param>
/// <param name="OccurredAt">When the commit happened.</param>
/// <param name="Payload">The event as JSON in the SDK's contract.</param>
public sealed record OutboxMessage(Guid EventId, TenantId Tenant, string EventType, RecordRef Subject, Instant OccurredAt, string Payload);
