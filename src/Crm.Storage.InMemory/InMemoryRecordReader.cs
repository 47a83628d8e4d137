using Crm.Customers;
using Crm.Storage.Querying;

namespace Crm.Storage.InMemory;

/// <summary>Reads one family from the partitions; evaluates every query itself with the SDK's reference evaluator.</summary>
internal sealed class InMemoryRecordReader<TData>(InMemoryCrmStore store, string entityType) : IRecordQueryable<TData>, IBulkRecordReader<TData>
    where TData : AggregateData
{
    public ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken)
    {
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<TData?>(null);
        }

        lock (partition.Gate)
        {
            return ValueTask.FromResult(partition.Table(entityType).Records.TryGetValue(id, out var data) ? (TData)data : null);
        }
    }

    public ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken)
    {
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<TData?>(null);
        }

        lock (partition.Gate)
        {
            var table = partition.Table(entityType);
            return ValueTask.FromResult(table.AlternateKeys.TryGetValue((keyName, value), out var id) ? (TData)table.Records[id] : null);
        }
    }

    public ValueTask<IReadOnlyList<TData>> FindManyAsync(OperationContext context, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<IReadOnlyList<TData>>([]);
        }

        lock (partition.Gate)
        {
            var records = partition.Table(entityType).Records;
            return ValueTask.FromResult<IReadOnlyList<TData>>([.. ids.Select(id => records.GetValueOrDefault(id)).OfType<TData>()]);
        }
    }

    public ValueTask<IReadOnlyList<TData>> FindManyByAlternateKeyAsync(OperationContext context, string keyName, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<IReadOnlyList<TData>>([]);
        }

        lock (partition.Gate)
        {
            var table = partition.Table(entityType);
            return ValueTask.FromResult<IReadOnlyList<TData>>([.. values.Select(v => table.AlternateKeys.TryGetValue((keyName, v), out var id) ? (TData)table.Records[id] : null).OfType<TData>()]);
        }
    }

    public ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<IReadOnlyList<TData>>([]);
        }

        lock (partition.Gate)
        {
            var table = partition.Table(entityType);
            var ids = table.SortedIds;
            var start = 0;
            if (afterId is { } after)
            {
                var index = Array.BinarySearch(ids, after);
                start = index < 0 ? ~index : index + 1;
            }

            var count = Math.Min(limit, ids.Length - start);
            var result = new TData[Math.Max(count, 0)];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = (TData)table.Records[ids[start + i]];
            }

            return ValueTask.FromResult<IReadOnlyList<TData>>(result);
        }
    }

    public bool CanEvaluate(StoreQuery query) => true;

    public ValueTask<IReadOnlyList<TData>> QueryAsync(OperationContext context, StoreQuery query, CancellationToken cancellationToken)
    {
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult<IReadOnlyList<TData>>([]);
        }

        lock (partition.Gate)
        {
            var table = partition.Table(entityType);
            if ((table.Indexes as FamilyIndexes<TData>)?.Plan(query.Filter, query.Sort) is not { } plan)
            {
                return ValueTask.FromResult(RecordQueryEvaluator.Evaluate(table.Records.Values.Cast<TData>(), query));
            }

            var bucket = plan.Index.Get(plan.Value);
            return ValueTask.FromResult(plan.Ordered ? ReadInOrder(bucket, query, plan.Exact) : RecordQueryEvaluator.Evaluate(bucket, query));
        }
    }

    public ValueTask<long> CountAsync(OperationContext context, Filter? filter, CancellationToken cancellationToken)
    {
        var partition = store.Partition(context);
        if (partition is null)
        {
            return ValueTask.FromResult(0L);
        }

        lock (partition.Gate)
        {
            var table = partition.Table(entityType);
            if (filter is null)
            {
                return ValueTask.FromResult((long)table.Records.Count); // every record of the family counts
            }

            IEnumerable<AggregateData> candidates = table.Records.Values;
            if ((table.Indexes as FamilyIndexes<TData>)?.Plan(filter, []) is { } plan)
            {
                var bucket = plan.Index.Get(plan.Value);
                if (plan.Exact)
                {
                    return ValueTask.FromResult((long)bucket.Count);
                }

                candidates = bucket;
            }

            var matches = RecordQueryEvaluator.CompilePredicate<TData>(filter);
            long count = 0;
            foreach (var record in candidates)
            {
                if (matches((TData)record))
                {
                    count++;
                }
            }

            return ValueTask.FromResult(count);
        }
    }

    // The bucket is in the query's order: skip to the cursor by binary search, then read the page.
    private static List<TData> ReadInOrder(IReadOnlyList<TData> bucket, StoreQuery query, bool exact)
    {
        var start = 0;
        if (query.After is not null)
        {
            var after = RecordQueryEvaluator.CompileAfter<TData>(query.Sort, query.After);
            var end = bucket.Count;
            while (start < end)
            {
                var middle = (start + end) >>> 1;
                if (after(bucket[middle]))
                {
                    end = middle;
                }
                else
                {
                    start = middle + 1;
                }
            }
        }

        var matches = exact ? null : RecordQueryEvaluator.CompilePredicate<TData>(query.Filter);
        var page = new List<TData>(Math.Min(query.Limit, bucket.Count - start));
        for (var i = start; i < bucket.Count && page.Count < query.Limit; i++)
        {
            if (matches is null || matches(bucket[i]))
            {
                page.Add(bucket[i]);
            }
        }

        return page;
    }
}
