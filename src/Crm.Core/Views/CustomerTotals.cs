using NodaTime;

namespace Crm.Views;

/// <summary>The totals of a customer (an account or a contact) at the time of the view.</summary>
/// <param name="LifetimeRevenue">The sum of every purchase, one amount per currency, in currency code order (never converted).</param>
/// <param name="LastPurchaseOn">The day of the newest purchase, if any.</param>
/// <param name="PurchaseCount">How many purchases (orders).</param>
/// <param name="ActivityCount">How many activities are on the timeline.</param>
/// <param name="OpenTaskCount">How many tasks are open.</param>
public sealed record CustomerTotals(IReadOnlyList<Money> LifetimeRevenue, LocalDate? LastPurchaseOn, int PurchaseCount, long ActivityCount, long OpenTaskCount);
