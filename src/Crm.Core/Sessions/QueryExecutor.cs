using Crm.Customers;
using Crm.Storage;
using Crm.Storage.Querying;

namespace Crm.Sessions;

/// <summary>Runs a query on a store: pushed down when the store can, otherwise over its ordered scan with <see cref="RecordQueryEvaluator"/>.</summary>
internal static class QueryExecutor
{
    private const int ScanBatch = 1000;

    public static async ValueTask<IReadOnlyList<TData>> QueryAsync<TData>(ICrmStore store, OperationContext context, StoreQuery query, CancellationToken cancellationToken)
        where TData : AggregateData
    {
        var reader = store.Records<TData>();
        if (reader is IRecordQueryable<TData> queryable && queryable.CanEvaluate(query))
        {
            return await queryable.QueryAsync(context, query, cancellationToken).ConfigureAwait(false);
        }

        var top = new TopK<TData>(query.Limit, RecordQueryEvaluator.CreateComparer<TData>(query.Sort));
        var matches = RecordQueryEvaluator.CompilePredicate<TData>(query.Filter);
        var after = RecordQueryEvaluator.CompileAfter<TData>(query.Sort, query.After);
        await foreach (var record in ScanAllAsync(reader, context, cancellationToken).ConfigureAwait(false))
        {
            if (after(record) && matches(record))
            {
                top.Offer(record);
            }
        }

        return top.ToList();
    }

    public static async ValueTask<long> CountAsync<TData>(ICrmStore store, OperationContext context, Filter? filter, CancellationToken cancellationToken)
        where TData : AggregateData
    {
        var reader = store.Records<TData>();
        if (reader is IRecordQueryable<TData> queryable && queryable.CanEvaluate(new StoreQuery(filter, [], null, 1)))
        {
            return await queryable.CountAsync(context, filter, cancellationToken).ConfigureAwait(false);
        }

        var matches = RecordQueryEvaluator.CompilePredicate<TData>(filter);
        long count = 0;
        await foreach (var record in ScanAllAsync(reader, context, cancellationToken).ConfigureAwait(false))
        {
            if (matches(record))
            {
                count++;
            }
        }

        return count;
    }

    private static async IAsyncEnumerable<TData> ScanAllAsync<TData>(IRecordReader<TData> reader, OperationContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where TData : AggregateData
    {
        Guid? cursor = null;
        while (true)
        {
            var batch = await reader.ScanAsync(context, cursor, ScanBatch, cancellationToken).ConfigureAwait(false);
            foreach (var record in batch)
            {
                yield return record;
            }

            if (batch.Count < ScanBatch)
            {
                yield break;
            }

            cursor = batch[^1].Key;
        }
    }
}
