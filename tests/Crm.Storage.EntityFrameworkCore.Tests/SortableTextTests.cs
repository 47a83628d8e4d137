using Crm.CustomFields;
using Crm.Storage.EntityFrameworkCore.Sql;
using Crm.Storage.Querying;
using CsCheck;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// The text forms SQLite stores decimals, dates and instants in (and both databases store custom
/// field values in) must sort exactly like the values: ordinal order of the text = value order.
/// </summary>
public sealed class SortableTextTests
{
    private static readonly Gen<decimal> Decimals = Gen.OneOf(
        Gen.Decimal,
        Gen.Long.Select(l => (decimal)l),
        Gen.Int.Select(Gen.Int[0, 28]).Select((m, scale) => new decimal(m == int.MinValue ? int.MaxValue : Math.Abs(m), 0, 0, m < 0, (byte)scale)),
        Gen.Const(0m).Select(_ => 0m).SelectMany(_ => Gen.Int[0, 11].Select(i => new[] { 0m, 1m, -1m, 1.0m, 1.00m, 10m, 0.1m, -0.1m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, -0.0000000000000000000000000001m }[i])));

    private static readonly Gen<ScalarValue> Values = Gen.OneOf(
        Gen.String.Select(s => ScalarValue.Text(s.Replace("\0", string.Empty, StringComparison.Ordinal))),
        Decimals.Select(ScalarValue.Number),
        Gen.Bool.Select(ScalarValue.Boolean),
        Gen.Int[1, 3_652_058].Select(d => ScalarValue.Date(LocalDate.FromDateOnly(DateOnly.FromDayNumber(d - 1)))),
        Gen.Long[-62_135_596_800_000_000L, 253_402_300_799_999_999L].Select(us => ScalarValue.Instant(Instant.FromUnixTimeTicks(us * 10))));

    [Fact]
    public void Decimal_text_sorts_like_the_numbers_and_reads_back() =>
        Gen.Select(Decimals, Decimals).Sample((a, b) =>
        {
            var (ta, tb) = (SortableText.Number(a), SortableText.Number(b));
            Assert.Equal(Math.Sign(a.CompareTo(b)), Math.Sign(string.CompareOrdinal(ta, tb)));
            Assert.Equal(a, SortableText.ParseNumber(ta));
        }, iter: 20_000);

    [Fact]
    public void The_allocation_free_reading_gives_the_same_decimal_and_scale_as_the_general_one()
    {
        var fast = 0;
        Decimals.Sample(value =>
        {
            var text = SortableText.Number(value);
            if (SortableText.TryParseNumberFast(text, out var read))
            {
                fast++;
                Assert.Equal(decimal.GetBits(SortableText.ParseNumberSlow(text)), decimal.GetBits(read));
            }
        }, iter: 20_000);

        // Most generated decimals take the fast path, so the comparison above is not vacuous.
        Assert.True(fast > 10_000, $"{fast} of 20,000 read on the fast path");
    }

    [Fact]
    public void Equal_numbers_at_different_scales_have_one_form() =>
        Assert.Equal(SortableText.Number(12.5m), SortableText.Number(12.500m));

    [Fact]
    public void Tagged_values_sort_like_the_sdk_compares_them_and_read_back() =>
        Gen.Select(Values, Values).Sample((a, b) =>
        {
            Assert.Equal(Math.Sign(RecordQueryEvaluator.CompareForSort(a, b)), Math.Sign(string.CompareOrdinal(SortableText.Tagged(a), SortableText.Tagged(b))));
            Assert.Equal(a, SortableText.ParseTagged(SortableText.Tagged(a)));
        }, iter: 20_000);
}
