using NodaTime;

namespace Crm.Segmentation;

/// <summary>
/// One purchase (an order with its total) of a customer: the input of RFM scoring and tiers.
/// Frequency counts purchases, so pass orders, not their lines (<see cref="Purchases"/> does).
/// </summary>
/// <typeparam name="TKey">How customers are identified (an account id, an ERP customer number).</typeparam>
/// <param name="Customer">The customer.</param>
/// <param name="OrderedOn">The day of the order.</param>
/// <param name="Amount">The order's amount, in the analysis' one currency.</param>
public readonly record struct CustomerPurchase<TKey>(TKey Customer, LocalDate OrderedOn, decimal Amount)
    where TKey : notnull;
