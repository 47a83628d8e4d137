using Crm.Customers;

namespace Crm.Storage;

/// <summary>
/// The optional batch lookups of a reader, used by bulk upserts: one round trip for many keys. A
/// store without them is asked one key at a time.
/// </summary>
/// <typeparam name="TData">The family's data record.</typeparam>
public interface IBulkRecordReader<TData> : IRecordReader<TData> where TData : AggregateData
{
    /// <summary>Loads the tenant's records with any of the ids (at most 10,000).</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="ids">The ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records found, in any order.</returns>
    ValueTask<IReadOnlyList<TData>> FindManyAsync(OperationContext context, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>Loads the tenant's records whose alternate key of a name has any of the values (at most 10,000).</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="keyName">The key name.</param>
    /// <param name="values">The values.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records found, in any order.</returns>
    ValueTask<IReadOnlyList<TData>> FindManyByAlternateKeyAsync(OperationContext context, string keyName, IReadOnlyCollection<string> values, CancellationToken cancellationToken);
}
