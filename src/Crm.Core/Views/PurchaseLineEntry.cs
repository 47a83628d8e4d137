using Crm.Purchases;
using NodaTime;

namespace Crm.Views;

/// <summary>A purchase line with the order it belongs to, as the 360 view lists them (newest orders first).</summary>
/// <param name="PurchaseId">The purchase.</param>
/// <param name="Source">The reporting system.</param>
/// <param name="OrderNumber">The ERP's order number.</param>
/// <param name="OrderedOn">The day of the purchase.</param>
/// <param name="Line">The line.</param>
public sealed record PurchaseLineEntry(PurchaseId PurchaseId, string Source, string OrderNumber, LocalDate OrderedOn, PurchaseLine Line);
