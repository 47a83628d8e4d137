using Crm.Customers;
using Crm.Storage.Querying;

namespace Crm.Storage;

/// <summary>
/// The optional pushdown capability: a reader that evaluates filters, sorting and keyset paging
/// itself (in SQL, or over its own indexes). It must return exactly what the SDK's in-memory
/// evaluation (<see cref="RecordQueryEvaluator"/>) returns for the same records.
/// </summary>
/// <typeparam name="TData">The family's data record.</typeparam>
public interface IRecordQueryable<TData> : IRecordReader<TData> where TData : AggregateData
{
    /// <summary>Whether the reader evaluates this query itself; when not, the SDK scans and evaluates it.</summary>
    /// <param name="query">The query.</param>
    /// <returns>Whether it is pushed down.</returns>
    bool CanEvaluate(StoreQuery query);

    /// <summary>Returns up to <see cref="StoreQuery.Limit"/> matching records after <see cref="StoreQuery.After"/>, in the query's order with the id as last tie-breaker.</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records.</returns>
    ValueTask<IReadOnlyList<TData>> QueryAsync(OperationContext context, StoreQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the tenant's records that match a filter.</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="filter">The filter, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The count.</returns>
    ValueTask<long> CountAsync(OperationContext context, Filter? filter, CancellationToken cancellationToken);
}
