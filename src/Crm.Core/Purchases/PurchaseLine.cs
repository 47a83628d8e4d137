namespace Crm.Purchases;

/// <summary>One line of a purchase as the ERP reports it.</summary>
/// <param name="LineNumber">The ERP's line number, unique within the purchase.</param>
/// <param name="ProductCode">The product (article, SKU) code, up to 64 characters.</param>
/// <param name="Quantity">The quantity (negative for a return).</param>
/// <param name="Amount">The line's total amount, in the purchase's currency (not a unit price).</param>
/// <param name="Description">The product's name or the line's text, if any.</param>
public sealed record PurchaseLine(int LineNumber, string ProductCode, decimal Quantity, Money Amount, string? Description = null);
