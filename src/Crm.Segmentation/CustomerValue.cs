using Crm.Purchases;
using Crm.Storage;

namespace Crm.Segmentation;

/// <summary>RFM and tiers over a store: in its database when it can, else over its purchases in memory.</summary>
public static class CustomerValue
{
    /// <summary>The store's own set operations when it has them (<see cref="ICustomerValueQueries"/>), else a scan of its purchases scored in memory.</summary>
    /// <param name="store">The store.</param>
    /// <returns>The queries.</returns>
    public static ICustomerValueQueries For(ICrmStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store as ICustomerValueQueries ?? new ScanningCustomerValueQueries(store);
    }

    /// <summary>Reads every purchase of the tenant page by page and scores in memory.</summary>
    private sealed class ScanningCustomerValueQueries(ICrmStore store) : ICustomerValueQueries
    {
        private const int PageSize = 5_000;

        public async Task<IReadOnlyList<RfmScore<AccountId>>> ScoreAccountsAsync(OperationContext context, string currency, RfmOptions options, CancellationToken cancellationToken = default)
        {
            ArgumentNullException.ThrowIfNull(options);
            options.Validate();
            var purchases = await ReadAsync(context, currency, cancellationToken).ConfigureAwait(false);
            return [.. Rfm.Score(purchases, options).OrderBy(s => s.Customer)];
        }

        public async Task<IReadOnlyList<TierAssignment<AccountId>>> AssignAccountTiersAsync(OperationContext context, string currency, TierOptions? options = null, CancellationToken cancellationToken = default)
        {
            options?.Validate();
            var purchases = await ReadAsync(context, currency, cancellationToken).ConfigureAwait(false);
            return Tiers.Assign(purchases, options, Comparer<AccountId>.Default);
        }

        private async Task<List<CustomerPurchase<AccountId>>> ReadAsync(OperationContext context, string currency, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(context);
            ArgumentException.ThrowIfNullOrEmpty(currency);
            var reader = store.Records<PurchaseData>();
            var result = new List<CustomerPurchase<AccountId>>();
            Guid? after = null;
            while (true)
            {
                var page = await reader.ScanAsync(context, after, PageSize, cancellationToken).ConfigureAwait(false);
                result.AddRange(Purchases.ByAccount(page, currency));
                if (page.Count < PageSize)
                {
                    return result;
                }

                after = page[^1].Key;
            }
        }
    }
}
