using NodaTime;

namespace Crm;

/// <summary>A dated conversion rate: one unit of <see cref="From"/> is worth <see cref="Rate"/> units of <see cref="To"/> on <see cref="Date"/>.</summary>
/// <param name="From">The source currency.</param>
/// <param name="To">The target currency.</param>
/// <param name="Date">The day the rate applies to.</param>
/// <param name="Rate">The rate; must be positive.</param>
public sealed record ExchangeRate(Currency From, Currency To, LocalDate Date, decimal Rate)
{
    /// <summary>Converts an amount in <see cref="From"/> to <see cref="To"/>, rounded to the target's minor unit.</summary>
    /// <param name="money">The amount to convert.</param>
    /// <param name="mode">The rounding of a midpoint.</param>
    /// <returns>The converted amount.</returns>
    /// <exception cref="CurrencyMismatchException">The amount is not in <see cref="From"/>.</exception>
    /// <exception cref="InvalidOperationException">The rate is not positive.</exception>
    public Money Convert(Money money, MidpointRounding mode = MidpointRounding.ToEven)
    {
        if (money.Currency != From)
        {
            throw new CurrencyMismatchException(money.Currency, From);
        }

        if (Rate <= 0)
        {
            throw new InvalidOperationException($"The exchange rate {From.Code}->{To.Code} on {Date:uuuu-MM-dd} must be positive, not {Rate}.");
        }

        return new Money(money.Amount * Rate, To).Round(mode);
    }
}
