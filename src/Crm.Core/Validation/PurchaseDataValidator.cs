using Crm.Purchases;
using FluentValidation;

namespace Crm.Validation;

/// <summary>
/// Validates a purchase: ERP keys, a buyer (account, contact or both), 1–1,000 lines with distinct
/// line numbers, product codes, and one currency for every line.
/// </summary>
public sealed class PurchaseDataValidator : AggregateDataValidator<PurchaseData>
{
    /// <summary>The most lines of one purchase.</summary>
    public const int MaxLines = 1000;

    /// <summary>Declares the rules.</summary>
    public PurchaseDataValidator()
    {
        RuleFor(x => x.Source).RequiredText(CustomerLimits.CodeLength);
        RuleFor(x => x.OrderNumber).RequiredText(CustomerLimits.AlternateKeyValueLength);
        RuleFor(x => x).Custom((purchase, context) =>
        {
            if (purchase.AccountId is null && purchase.ContactId is null)
            {
                Fail(context, "AccountId", CrmErrorCodes.Required, "A purchase needs a buying account, a buying contact or both.");
            }

            if (!string.IsNullOrEmpty(purchase.Source) && !string.IsNullOrEmpty(purchase.OrderNumber) && !purchase.AlternateKeys.Any(k => k is not null && k.Name == purchase.Source && k.Value == purchase.OrderNumber))
            {
                Fail(context, "AlternateKeys", CrmErrorCodes.InvalidValue, $"A purchase keeps its ERP key '{Shorten(purchase.Source)}' = '{Shorten(purchase.OrderNumber)}' as an alternate key; change the order with UpsertAsync, not SetAlternateKey.");
            }

            var lines = purchase.Lines;
            if (lines.Count is 0 or > MaxLines)
            {
                Fail(context, "Lines", lines.Count == 0 ? CrmErrorCodes.Required : CrmErrorCodes.TooMany, $"A purchase has 1–{MaxLines} lines; got {lines.Count}.");
            }

            Currency? currency = null;
            for (var i = 0; i < Math.Min(lines.Count, MaxLines); i++)
            {
                var line = lines[i];
                if (line is null)
                {
                    Fail(context, Path("Lines", i), CrmErrorCodes.Required, "Must not be null.");
                    continue;
                }

                CheckText(context, "Lines", i, "ProductCode", line.ProductCode, CustomerLimits.CodeLength, required: true);
                CheckText(context, "Lines", i, "Description", line.Description, CustomerLimits.ShortText);
                if (line.Amount.Currency.Code is null)
                {
                    Fail(context, Path("Lines", i, "Amount"), CrmErrorCodes.Required, "The amount needs a currency.");
                }
                else if (currency is null)
                {
                    currency = line.Amount.Currency;
                }
                else if (line.Amount.Currency != currency)
                {
                    Fail(context, Path("Lines", i, "Amount"), CrmErrorCodes.CurrencyMismatch, $"The line is in {line.Amount.Currency}; the purchase is in {currency}. Every line uses one currency.");
                }

                if (i > 0 && lines[i - 1] is { } previous && previous.LineNumber == line.LineNumber)
                {
                    Fail(context, Path("Lines", i, "LineNumber"), CrmErrorCodes.DuplicateValue, $"Line number {line.LineNumber} appears twice.");
                }
            }
        });
    }
}
