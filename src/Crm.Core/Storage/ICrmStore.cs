using Crm.Customers;

namespace Crm.Storage;

/// <summary>
/// The storage contract. A store keeps the records of every aggregate family and commits staged
/// changes atomically. Every call receives the <see cref="OperationContext"/> and the store
/// enforces it at one point: it never returns, counts, updates or deletes a record of another
/// tenant, whatever the arguments say.
/// <para>
/// The minimum a custom store implements: per family an <see cref="IRecordReader{TData}"/> (load by
/// id, load by alternate key, an ordered scan after an id), <see cref="CommitAsync"/>,
/// <see cref="ReadChangesAsync"/> and <see cref="Outbox"/>. It may add filter pushdown by making a
/// reader an <see cref="IRecordQueryable{TData}"/>; the SDK evaluates everything else in memory over
/// the scan with the same results. <c>Crm.Storage.Specification</c> is the definition of done.
/// </para>
/// </summary>
public interface ICrmStore
{
    /// <summary>The reader of one aggregate family.</summary>
    /// <typeparam name="TData">The family's data record (<see cref="ContactData"/>, <see cref="AccountData"/>).</typeparam>
    /// <returns>The reader.</returns>
    /// <exception cref="NotSupportedException">The store does not keep this family.</exception>
    IRecordReader<TData> Records<TData>() where TData : AggregateData;

    /// <summary>
    /// Applies every staged write of one tenant atomically: all are written, or none is and the
    /// result says why per record. Checks versions (a write whose expected version is not the stored
    /// one is a conflict), inserts (an existing id is a duplicate key) and alternate key uniqueness;
    /// stores the outbox messages; advances the tenant's change feed. A request whose idempotency key
    /// already committed returns that commit's result with <see cref="CommitResult.Replayed"/> set
    /// and applies nothing.
    /// </summary>
    /// <param name="context">The operation context; every write must belong to its tenant.</param>
    /// <param name="request">The staged writes.</param>
    /// <param name="cancellationToken">Cancels before the commit starts; once started it completes or fails as a whole.</param>
    /// <returns>The outcome per record.</returns>
    ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken);

    /// <summary>Reads the tenant's change feed after a position, oldest first.</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="afterPosition">The last position the reader has seen (0 for the start).</param>
    /// <param name="maxCount">The most entries to return (1–10,000).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries, in position order.</returns>
    ValueTask<IReadOnlyList<ChangeFeedEntry>> ReadChangesAsync(OperationContext context, long afterPosition, int maxCount, CancellationToken cancellationToken);

    /// <summary>The outbox of committed domain events, read by the relay across tenants.</summary>
    IOutboxStore Outbox { get; }
}
