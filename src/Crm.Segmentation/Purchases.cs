using Crm.Customers;
using Crm.Purchases;

namespace Crm.Segmentation;

/// <summary>Turns the SDK's purchase history into the input of RFM scoring and tiers.</summary>
public static class Purchases
{
    /// <summary>
    /// One <see cref="CustomerPurchase{TKey}"/> per purchase with an account: the account is the
    /// customer, the purchase's total the amount. Purchases in another currency than
    /// <paramref name="currency"/> are an error (RFM compares amounts, and converting them is the
    /// caller's decision); purchases without an account are skipped.
    /// </summary>
    /// <param name="purchases">The purchase history.</param>
    /// <param name="currency">The analysis' currency (ISO 4217).</param>
    /// <returns>The purchases by account.</returns>
    public static IEnumerable<CustomerPurchase<AccountId>> ByAccount(IEnumerable<PurchaseData> purchases, string currency)
    {
        ArgumentNullException.ThrowIfNull(purchases);
        ArgumentException.ThrowIfNullOrEmpty(currency);
        return Iterate(purchases, currency);
    }

    private static IEnumerable<CustomerPurchase<AccountId>> Iterate(IEnumerable<PurchaseData> purchases, string currency)
    {
        foreach (var purchase in purchases)
        {
            if (purchase.AccountId is not { } account)
            {
                continue;
            }

            if (!string.Equals(purchase.Total.Currency.Code, currency, StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Purchase {purchase.Id} ({purchase.Source} {purchase.OrderNumber}) is in {purchase.Total.Currency.Code}, not {currency}; convert it or leave it out.");
            }

            yield return new CustomerPurchase<AccountId>(account, purchase.OrderedOn, purchase.Total.Amount);
        }
    }
}
