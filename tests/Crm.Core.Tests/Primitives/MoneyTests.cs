using NodaTime;

namespace Crm.Core.Tests.Primitives;

public sealed class MoneyTests
{
    [Theory]
    [InlineData("EUR", "12.345", "12.34")]
    [InlineData("EUR", "12.355", "12.36")]
    [InlineData("JPY", "1234.5", "1234")]
    [InlineData("JPY", "1235.5", "1236")]
    [InlineData("KWD", "1.23456", "1.235")]
    [InlineData("CLF", "1.234567", "1.2346")]
    public void Round_uses_the_currencys_minor_unit_and_bankers_rounding(string code, string amount, string expected)
    {
        var money = Money.Of(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), code).Round();

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), money.Amount);
    }

    [Fact]
    public void Round_away_from_zero_on_request()
    {
        Assert.Equal(12.35m, Money.Of(12.345m, "EUR").Round(MidpointRounding.AwayFromZero).Amount);
        Assert.Equal(-12.35m, Money.Of(-12.345m, "EUR").Round(MidpointRounding.AwayFromZero).Amount);
    }

    [Fact]
    public void Arithmetic_across_currencies_throws_with_the_error_code()
    {
        var error = Assert.Throws<CurrencyMismatchException>(() => Money.Of(1, "EUR") + Money.Of(1, "USD"));

        Assert.Contains(CrmErrorCodes.CurrencyMismatch, error.Message, StringComparison.Ordinal);
        Assert.Throws<CurrencyMismatchException>(() => Money.Of(1, "EUR") < Money.Of(2, "USD"));
    }

    [Fact]
    public void Equal_amounts_at_different_scales_are_equal()
    {
        Assert.Equal(Money.Of(1.0m, "EUR"), Money.Of(1.00m, "eur"));
        Assert.Equal(Money.Of(1.0m, "EUR").GetHashCode(), Money.Of(1.00m, "EUR").GetHashCode());
        Assert.NotEqual(Money.Of(1m, "EUR"), Money.Of(1m, "USD"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("EU")]
    [InlineData("EURO")]
    [InlineData("ABC")]
    public void Unknown_currency_codes_are_refused(string code)
    {
        Assert.False(Currency.TryFromCode(code, out _));
        Assert.Throws<ArgumentException>(() => Currency.FromCode(code));
    }

    [Fact]
    public void Default_money_without_currency_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Money(1m, default));
    }

    [Fact]
    public void Exchange_rate_converts_and_rounds_to_the_target_currency()
    {
        var rate = new ExchangeRate(Currency.FromCode("EUR"), Currency.FromCode("JPY"), new LocalDate(2026, 11, 26), 161.237m);

        Assert.Equal(Money.Of(1612, "JPY"), rate.Convert(Money.Of(10m, "EUR")));
        Assert.Throws<CurrencyMismatchException>(() => rate.Convert(Money.Of(10m, "USD")));
        Assert.Throws<InvalidOperationException>(() => (rate with { Rate = 0 }).Convert(Money.Of(1, "EUR")));
    }

    [Fact]
    public void Sum_and_compare_in_one_currency()
    {
        var total = Money.Of(10.10m, "EUR") + Money.Of(0.20m, "EUR") - Money.Of(0.30m, "EUR");

        Assert.Equal(Money.Of(10m, "EUR"), total);
        Assert.True(Money.Of(1, "EUR") < Money.Of(2, "EUR"));
        Assert.Equal("10.00 EUR", total.ToString());
    }
}
