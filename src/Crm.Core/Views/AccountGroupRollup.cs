using Crm.Customers;
using NodaTime;

namespace Crm.Views;

/// <summary>Roll-up totals of an account and every account below it in its group.</summary>
/// <param name="Root">The account at the top of the roll-up.</param>
/// <param name="Accounts">The ids of the accounts rolled up: the root, then its descendants level by level.</param>
/// <param name="ContactCount">Distinct contacts linked to any of them.</param>
/// <param name="Revenue">The sum of their purchases, one amount per currency, in currency code order.</param>
/// <param name="PurchaseCount">How many purchases.</param>
/// <param name="LastPurchaseOn">The newest purchase's day, if any.</param>
public sealed record AccountGroupRollup(AccountData Root, IReadOnlyList<AccountId> Accounts, int ContactCount, IReadOnlyList<Money> Revenue, int PurchaseCount, LocalDate? LastPurchaseOn);
