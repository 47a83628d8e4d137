using NodaTime;

namespace Crm.Storage;

/// <summary>
/// The outbox, used by the relay as the system across tenants. Claims are leases: a message
/// claimed and neither completed nor released becomes claimable again when its lease ends (a
/// relay that died), which is why delivery is at least once.
/// </summary>
public interface IOutboxStore
{
    /// <summary>
    /// Claims up to <paramref name="maxCount"/> pending messages in sequence order, at most one per
    /// subject, skipping any message whose subject has an earlier message still pending or claimed,
    /// so each aggregate's events are delivered in order and a claim is always a delivery attempt.
    /// </summary>
    /// <param name="maxCount">The most messages to claim.</param>
    /// <param name="lease">How long the claim holds.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed messages.</returns>
    ValueTask<IReadOnlyList<OutboxEntry>> ClaimAsync(int maxCount, Duration lease, CancellationToken cancellationToken);

    /// <summary>Marks messages delivered; they are not claimed again.</summary>
    /// <param name="eventIds">The delivered events.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    ValueTask CompleteAsync(IReadOnlyCollection<Guid> eventIds, CancellationToken cancellationToken);

    /// <summary>Returns a claimed message for a later retry (a handler failed).</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="retryAfter">How long to wait before it may be claimed again.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    ValueTask ReleaseAsync(Guid eventId, Duration retryAfter, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up on a message whose deliveries keep failing: it is no longer pending or claimable, so
    /// its aggregate's later events flow again, and it is kept with the reason for inspection.
    /// </summary>
    /// <param name="eventId">The event.</param>
    /// <param name="reason">Why delivery was abandoned (the last error).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    ValueTask DeadLetterAsync(Guid eventId, string reason, CancellationToken cancellationToken);

    /// <summary>The messages given up on, oldest first, with their reasons.</summary>
    /// <param name="maxCount">The most to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The dead letters.</returns>
    ValueTask<IReadOnlyList<DeadLetter>> ReadDeadLettersAsync(int maxCount, CancellationToken cancellationToken);

    /// <summary>Counts messages not yet delivered (for health checks and tests).</summary>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountPendingAsync(CancellationToken cancellationToken);
}
