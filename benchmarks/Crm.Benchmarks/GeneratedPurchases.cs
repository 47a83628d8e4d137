using System.Globalization;
using Crm.Customers;
using Crm.Purchases;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>The purchase history the RFM benchmarks score: five lines of 0.01–499.99 EUR per purchase, ordered within 1,000 days before the as-of day.</summary>
internal static class GeneratedPurchases
{
    public const int LinesPerPurchase = 5;

    private static readonly Currency Eur = Currency.FromCode("EUR");

    /// <summary>The <paramref name="index"/>th purchase, bought by <paramref name="account"/>; <paramref name="random"/> decides lines and day.</summary>
    public static PurchaseData Create(int index, AccountId account, TenantId tenant, LocalDate asOf, Instant now, Random random)
    {
        var lines = new PurchaseLine[LinesPerPurchase];
        var total = 0m;
        for (var l = 0; l < lines.Length; l++)
        {
            var amount = random.Next(1, 50_000) / 100m;
            lines[l] = new PurchaseLine(l + 1, "P" + random.Next(100).ToString(CultureInfo.InvariantCulture), 1m, new Money(amount, Eur));
            total += amount;
        }

        var number = index.ToString(CultureInfo.InvariantCulture);
        return new PurchaseData
        {
            Id = PurchaseId.FromGuid(Guid.CreateVersion7()),
            TenantId = tenant,
            Version = 1,
            CreatedAt = now,
            UpdatedAt = now,
            Source = "erp",
            OrderNumber = number,
            AccountId = account,
            OrderedOn = asOf.PlusDays(-random.Next(1_000)),
            Lines = lines,
            Total = new Money(total, Eur),
            AlternateKeys = [new AlternateKey("erp", number)],
        };
    }
}
