using System.Runtime.InteropServices;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>Per-customer totals of a purchase stream: last order day, number of orders, amount; customers in first-seen order.</summary>
internal sealed class CustomerTotals<TKey>
    where TKey : notnull
{
    private readonly Dictionary<TKey, int> _index = [];

    public List<TKey> Keys { get; } = [];

    public List<LocalDate> LastOrder { get; } = [];

    public List<int> Orders { get; } = [];

    public List<decimal> Amount { get; } = [];

    public int Count => Keys.Count;

    public static CustomerTotals<TKey> Collect(IEnumerable<CustomerPurchase<TKey>> purchases)
    {
        var totals = new CustomerTotals<TKey>();
        foreach (var purchase in purchases)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(totals._index, purchase.Customer, out var exists);
            if (!exists)
            {
                slot = totals.Keys.Count;
                totals.Keys.Add(purchase.Customer);
                totals.LastOrder.Add(purchase.OrderedOn);
                totals.Orders.Add(1);
                totals.Amount.Add(purchase.Amount);
                continue;
            }

            var i = slot;
            if (purchase.OrderedOn > totals.LastOrder[i])
            {
                totals.LastOrder[i] = purchase.OrderedOn;
            }

            totals.Orders[i]++;
            totals.Amount[i] += purchase.Amount;
        }

        return totals;
    }
}
