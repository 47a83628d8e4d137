namespace Crm.Events;

/// <summary>
/// A fact a state change raised. Events are plain records named with <see cref="DomainEventAttribute"/>;
/// they are stored in the commit (outbox) and delivered after it, at least once, in order per aggregate.
/// Handlers must be idempotent: use the envelope's event id to recognise a repeat.
/// </summary>
public interface IDomainEvent
{
    /// <summary>The record the event is about.</summary>
    RecordRef Subject { get; }
}
