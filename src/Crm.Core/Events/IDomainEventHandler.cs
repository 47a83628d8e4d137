namespace Crm.Events;

/// <summary>
/// Handles one event type after its commit. Registered in DI (<c>crm.AddEventHandler&lt;TEvent, THandler&gt;()</c>);
/// resolved in a scope per delivery. Delivery is at least once and in order per aggregate, so a
/// handler must be idempotent (remember <see cref="DomainEventContext.EventId"/>). Throwing makes the
/// relay retry the event later; the aggregate's later events wait for it.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IDomainEventHandler<in TEvent> where TEvent : IDomainEvent
{
    /// <summary>Handles the event.</summary>
    /// <param name="domainEvent">The event.</param>
    /// <param name="context">The delivery's details.</param>
    /// <param name="cancellationToken">Cancels the handling (the relay is stopping).</param>
    /// <returns>A task.</returns>
    Task HandleAsync(TEvent domainEvent, DomainEventContext context, CancellationToken cancellationToken);
}
