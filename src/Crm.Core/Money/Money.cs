using System.Globalization;

namespace Crm;

/// <summary>
/// An amount of money: a <see cref="decimal"/> and an ISO 4217 <see cref="Currency"/>. Never a
/// binary floating point. Adding or comparing amounts of different currencies throws
/// <see cref="CurrencyMismatchException"/>; convert first with an <see cref="ExchangeRate"/>.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    /// <summary>The value of <see cref="Currency.MinorUnits"/> for codes without a minor unit (metals, funds).</summary>
    public const int NoMinorUnit = -1;

    /// <summary>Creates an amount exactly as given, without rounding.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="currency">The currency.</param>
    public Money(decimal amount, Currency currency)
    {
        if (currency.Code is null)
        {
            throw new ArgumentException("Money needs a currency; default(Currency) has none.", nameof(currency));
        }

        Amount = amount;
        Currency = currency;
    }

    /// <summary>The amount, in the currency's major unit (12.34 EUR is 12.34).</summary>
    public decimal Amount { get; }

    /// <summary>The currency.</summary>
    public Currency Currency { get; }

    /// <summary>Creates an amount in the currency with the given ISO 4217 code, without rounding.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="currencyCode">The ISO 4217 code.</param>
    /// <returns>The money.</returns>
    /// <exception cref="ArgumentException">The code is not an ISO 4217 currency.</exception>
    public static Money Of(decimal amount, string currencyCode) => new(amount, Currency.FromCode(currencyCode));

    /// <summary>Zero in a currency.</summary>
    /// <param name="currency">The currency.</param>
    /// <returns>Zero.</returns>
    public static Money Zero(Currency currency) => new(0m, currency);

    /// <summary>
    /// Rounds to the currency's minor unit (cents for EUR, whole yen for JPY). Banker's rounding
    /// (to even) by default, the rule of IEEE 754 and of most ledgers; pass
    /// <see cref="MidpointRounding.AwayFromZero"/> for commercial rounding.
    /// </summary>
    /// <param name="mode">How to round a value half-way between two minor units.</param>
    /// <returns>The rounded money; unchanged for currencies without a minor unit.</returns>
    public Money Round(MidpointRounding mode = MidpointRounding.ToEven) =>
        Currency.MinorUnits == NoMinorUnit ? this : new(decimal.Round(Amount, Currency.MinorUnits, mode), Currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money operator +(Money left, Money right) => new(left.Amount + SameCurrency(left, right).Amount, left.Currency);

    /// <summary>Subtracts two amounts of the same currency.</summary>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public static Money operator -(Money left, Money right) => new(left.Amount - SameCurrency(left, right).Amount, left.Currency);

    /// <summary>Multiplies an amount by a factor (a quantity, a rate); the result is not rounded.</summary>
    public static Money operator *(Money money, decimal factor) => new(money.Amount * factor, money.Currency);

    /// <summary>Negates an amount.</summary>
    public static Money operator -(Money money) => new(-money.Amount, money.Currency);

    /// <summary>Adds two amounts of the same currency.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>The sum.</returns>
    public Money Add(Money other) => this + other;

    /// <summary>Subtracts an amount of the same currency.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>The difference.</returns>
    public Money Subtract(Money other) => this - other;

    /// <summary>Multiplies by a factor.</summary>
    /// <param name="factor">The factor.</param>
    /// <returns>The product, not rounded.</returns>
    public Money Multiply(decimal factor) => this * factor;

    /// <summary>Negates the amount.</summary>
    /// <returns>The negated amount.</returns>
    public Money Negate() => -this;

    /// <summary>Compares amounts of the same currency.</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>Negative, zero or positive.</returns>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public int CompareTo(Money other) => Amount.CompareTo(SameCurrency(this, other).Amount);

    /// <summary>Compares amounts of the same currency.</summary>
    public static bool operator <(Money left, Money right) => left.CompareTo(right) < 0;

    /// <summary>Compares amounts of the same currency.</summary>
    public static bool operator >(Money left, Money right) => left.CompareTo(right) > 0;

    /// <summary>Compares amounts of the same currency.</summary>
    public static bool operator <=(Money left, Money right) => left.CompareTo(right) <= 0;

    /// <summary>Compares amounts of the same currency.</summary>
    public static bool operator >=(Money left, Money right) => left.CompareTo(right) >= 0;

    /// <summary>Equal when the currencies are equal and the amounts are numerically equal (1.0 EUR equals 1.00 EUR).</summary>
    /// <param name="other">The other amount.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(Money other) => Currency == other.Currency && Amount == other.Amount;

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Currency, Amount);

    /// <summary>The invariant text form, e.g. <c>12.30 EUR</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Amount} {Currency.Code}");

    private static Money SameCurrency(Money left, Money right) =>
        left.Currency == right.Currency ? right : throw new CurrencyMismatchException(left.Currency, right.Currency);
}
