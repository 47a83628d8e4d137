using Crm.Customers;
using Crm.Storage.Specification;
using NodaTime;

namespace Crm.Storage.InMemory.Tests;

/// <summary>
/// The kit against a store that implements only the minimum contract (no query pushdown), so every
/// query runs through the SDK's in-memory evaluation over the ordered scan. Passing the same kit as
/// <see cref="InMemoryStoreSpecification"/> shows the two paths return the same results.
/// </summary>
public sealed class MinimalStoreSpecification : StoreSpecification
{
    protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new MinimalStore(new InMemoryCrmStore(clock)));

    private sealed class MinimalStore(ICrmStore inner) : ICrmStore
    {
        public IOutboxStore Outbox => inner.Outbox;

        public IRecordReader<TData> Records<TData>() where TData : AggregateData => new MinimalReader<TData>(inner.Records<TData>());

        public ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken) => inner.CommitAsync(context, request, cancellationToken);

        public ValueTask<IReadOnlyList<ChangeFeedEntry>> ReadChangesAsync(OperationContext context, long afterPosition, int maxCount, CancellationToken cancellationToken) =>
            inner.ReadChangesAsync(context, afterPosition, maxCount, cancellationToken);
    }

    private sealed class MinimalReader<TData>(IRecordReader<TData> inner) : IRecordReader<TData> where TData : AggregateData
    {
        public ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken) => inner.FindAsync(context, id, cancellationToken);

        public ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken) =>
            inner.FindByAlternateKeyAsync(context, keyName, value, cancellationToken);

        public ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken) =>
            inner.ScanAsync(context, afterId, limit, cancellationToken);
    }
}
