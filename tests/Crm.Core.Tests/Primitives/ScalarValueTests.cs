using Crm.CustomFields;
using NodaTime;

namespace Crm.Core.Tests.Primitives;

public sealed class ScalarValueTests
{
    [Fact]
    public void Numbers_at_different_scales_are_equal_and_hash_alike()
    {
        Assert.Equal(ScalarValue.Number(1.0m), ScalarValue.Number(1.000m));
        Assert.Equal(ScalarValue.Number(1.0m).GetHashCode(), ScalarValue.Number(1.000m).GetHashCode());
    }

    [Fact]
    public void Instants_are_truncated_to_the_microsecond_towards_the_past()
    {
        var before1970 = Instant.FromUnixTimeTicks(-15);

        Assert.Equal(Instant.FromUnixTimeTicks(-20), ScalarValue.Instant(before1970).AsInstant());
        Assert.Equal(Instant.FromUnixTimeTicks(10), ScalarValue.Instant(Instant.FromUnixTimeTicks(19)).AsInstant());
        Assert.Equal(Instant.FromUnixTimeTicks(10), ScalarValue.Instant(Instant.FromUnixTimeTicks(10).PlusNanoseconds(99)).AsInstant());
    }

    [Fact]
    public void Values_of_different_kinds_are_not_equal_and_do_not_compare()
    {
        Assert.NotEqual(ScalarValue.Text("1"), ScalarValue.Number(1));
        Assert.Throws<ArgumentException>(() => ScalarValue.Text("1").CompareTo(ScalarValue.Number(1)));
    }

    [Fact]
    public void Dates_and_booleans_compare_as_values()
    {
        Assert.True(ScalarValue.Date(new LocalDate(2024, 2, 29)) < ScalarValue.Date(new LocalDate(2024, 3, 1)));
        Assert.True(ScalarValue.Boolean(false) < ScalarValue.Boolean(true));
        Assert.Equal("2024-02-29", ScalarValue.Date(new LocalDate(2024, 2, 29)).ToString());
    }
}
