using Crm.Customers;

namespace Crm.Storage;

/// <summary>
/// Reads one aggregate family. The three methods are the minimum a custom store implements. The
/// data returned must never change afterwards: a later commit replaces records, it does not
/// mutate what earlier readers hold.
/// </summary>
/// <typeparam name="TData">The family's data record.</typeparam>
public interface IRecordReader<TData> where TData : AggregateData
{
    /// <summary>Loads a record of the context's tenant by id.</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/> when the tenant has none with that id.</returns>
    ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken);

    /// <summary>Loads a record of the context's tenant by alternate key (exact, case-sensitive value).</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="keyName">The key name.</param>
    /// <param name="value">The key value.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The record, or <see langword="null"/>.</returns>
    ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken);

    /// <summary>Returns up to <paramref name="limit"/> records of the tenant with ids greater than <paramref name="afterId"/>, in ascending id order (UUID byte order).</summary>
    /// <param name="context">The operation context.</param>
    /// <param name="afterId">The last id already read, or <see langword="null"/> to start.</param>
    /// <param name="limit">The most records to return (1–10,000).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The records; fewer than <paramref name="limit"/> means the scan is complete.</returns>
    ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken);
}
