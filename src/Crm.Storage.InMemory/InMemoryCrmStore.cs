using System.Collections.Concurrent;
using Crm.Customers;
using NodaTime;

namespace Crm.Storage.InMemory;

/// <summary>
/// The reference store: thread-safe (one lock per tenant), transactional (a commit checks every
/// write before it applies any), and safe to share data with (records are immutable, so a loaded
/// record never changes and changing a loaded aggregate changes nothing stored). Tenant isolation
/// is enforced at one point, <see cref="Partition"/>: every read and write goes through the
/// tenant's own partition, so no query can reach another tenant's records.
/// </summary>
public sealed class InMemoryCrmStore : ICrmStore, IConcurrentReadStore
{
    /// <inheritdoc />
    public bool AllowsConcurrentReads => true;

    private readonly ConcurrentDictionary<TenantId, TenantPartition> _partitions = new();
    private readonly ConcurrentDictionary<Type, object> _readers = new();
    private readonly InMemoryOutbox _outbox;

    /// <summary>Creates an empty store.</summary>
    /// <param name="clock">The clock for outbox leases.</param>
    public InMemoryCrmStore(IClock clock)
    {
        _outbox = new InMemoryOutbox(clock);
    }

    /// <inheritdoc />
    public IOutboxStore Outbox => _outbox;

    /// <inheritdoc />
    public IRecordReader<TData> Records<TData>() where TData : AggregateData =>
        (IRecordReader<TData>)_readers.GetOrAdd(typeof(TData), static (_, store) => new InMemoryRecordReader<TData>(store, Querying.RecordFields.EntityTypeOf<TData>()), this);

    /// <inheritdoc />
    public ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var partition = Partition(context, create: true)!;
        CommitRequestChecks.ThrowIfMalformed(context, request);
        lock (partition.Gate)
        {
            if (request.IdempotencyKey is { } key && partition.CommittedKeys.TryGetValue(key, out var earlier))
            {
                return ValueTask.FromResult(earlier with { Replayed = true });
            }

            var outcomes = CommitChecks.Check(partition, request.Writes);
            if (outcomes is not null)
            {
                return ValueTask.FromResult(new CommitResult(outcomes, 0));
            }

            // The outbox first: it refuses a duplicate event id before any record changes.
            _outbox.Append(request.Outbox);
            var result = Apply(partition, request);
            if (request.IdempotencyKey is { } newKey)
            {
                partition.CommittedKeys[newKey] = result;
            }

            return ValueTask.FromResult(result);
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ChangeFeedEntry>> ReadChangesAsync(OperationContext context, long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var partition = Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<IReadOnlyList<ChangeFeedEntry>>([]);
        }

        lock (partition.Gate)
        {
            // Positions are 1, 2, 3, ... without gaps, so the entry after position p is at index p.
            var start = Math.Min(afterPosition, partition.Changes.Count);
            var count = (int)Math.Min(maxCount, partition.Changes.Count - start);
            var entries = new ChangeFeedEntry[count];
            for (var i = 0; i < count; i++)
            {
                entries[i] = partition.Changes[start + i].ToEntry(start + i + 1);
            }

            return ValueTask.FromResult<IReadOnlyList<ChangeFeedEntry>>(entries);
        }
    }

    /// <summary>
    /// The single point where the store enforces the operation context: a caller reaches only its
    /// tenant's partition. Record access by principal (scopes, shares) will be checked here too.
    /// </summary>
    /// <param name="context">The operation context.</param>
    /// <param name="create">Whether to create the partition of a tenant without records.</param>
    /// <returns>The tenant's partition, or <see langword="null"/> when it has none yet.</returns>
    internal TenantPartition? Partition(OperationContext context, bool create = false)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Tenant.Value is null)
        {
            throw new ArgumentException("The operation context has no tenant.", nameof(context));
        }

        return create ? _partitions.GetOrAdd(context.Tenant, _ => new TenantPartition()) : _partitions.GetValueOrDefault(context.Tenant);
    }

    private static CommitResult Apply(TenantPartition partition, CommitRequest request)
    {
        var outcomes = new WriteOutcome[request.Writes.Count];
        for (var i = 0; i < request.Writes.Count; i++)
        {
            var write = request.Writes[i];
            var table = partition.Table(write.Record.EntityType);
            table.Records.TryGetValue(write.Record.Id, out var previous);
            long version;
            if (write.Kind == WriteKind.Delete)
            {
                table.Remove(previous!);
                version = previous!.Version;
            }
            else
            {
                table.Put(write.Data!, previous);
                version = write.Data!.Version;
            }

            partition.Changes.Add(new ChangeRow(
                write.Record,
                write.Kind == WriteKind.Delete ? ChangeKind.Deleted : ChangeKind.Upserted,
                version,
                request.CommittedAt));
            outcomes[i] = new WriteOutcome(write.Record, WriteStatus.Written, version);
        }

        return new CommitResult(outcomes, partition.Changes.Count);
    }
}
