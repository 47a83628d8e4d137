using Crm.Customers;
using Crm.Storage;

namespace Crm.Benchmarks;

internal static class StoreExtensions
{
    /// <summary>Counts a tenant's records through the minimum contract (the ordered scan).</summary>
    public static async Task<long> ScanCountAsync<TData>(this IRecordReader<TData> reader, Crm.OperationContext context) where TData : AggregateData
    {
        long count = 0;
        Guid? after = null;
        while (true)
        {
            var batch = await reader.ScanAsync(context, after, 10_000, CancellationToken.None);
            count += batch.Count;
            if (batch.Count < 10_000)
            {
                return count;
            }

            after = batch[^1].Key;
        }
    }
}
