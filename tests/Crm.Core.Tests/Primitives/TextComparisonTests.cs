using System.Text;
using CsCheck;

namespace Crm.Core.Tests.Primitives;

public sealed class TextComparisonTests
{
    [Fact]
    public void Characters_above_U_FFFF_sort_after_the_rest_of_the_BMP()
    {
        Assert.True(TextComparison.CodePoint.Compare("\uFFFD", "😀") < 0);
        Assert.True(string.CompareOrdinal("\uFFFD", "😀") > 0); // why the SDK does not use plain ordinal
        Assert.True(TextComparison.CodePoint.Compare("Z", "a") < 0);
        Assert.True(TextComparison.CodePoint.Compare(null, "") < 0);
        Assert.True(TextComparison.CodePoint.Compare("ab", "abc") < 0);
    }

    [Fact]
    public void Order_equals_the_byte_order_of_UTF8_for_any_strings()
    {
        Gen.String[Gen.Char[char.MinValue, char.MaxValue], 0, 6].Select(Gen.String[Gen.Char[char.MinValue, char.MaxValue], 0, 6])
            .Where((a, b) => IsWellFormed(a) && IsWellFormed(b))
            .Sample((a, b) =>
            {
                var expected = Math.Sign(Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b)));
                return Math.Sign(TextComparison.CodePoint.Compare(a, b)) == expected;
            }, iter: 20_000);
    }

    [Fact]
    public void Order_equals_the_byte_order_of_UTF8_near_the_surrogate_range()
    {
        string[] pieces = ["a", "Z", "\uD7FF", "\uE000", "\uFFFD", "\uFFFF", "😀", "𐀀", "\U0010FFFF", "é", ""];
        var interesting = Gen.Int[0, pieces.Length - 1].Select(i => pieces[i]);
        interesting.Array[0, 4].Select(interesting.Array[0, 4]).Sample((a, b) =>
        {
            var left = string.Concat(a);
            var right = string.Concat(b);
            var expected = Math.Sign(Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(right)));
            return Math.Sign(TextComparison.CodePoint.Compare(left, right)) == expected;
        }, iter: 20_000);
    }

    private static bool IsWellFormed(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]))
            {
                if (i + 1 >= s.Length || !char.IsLowSurrogate(s[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(s[i]))
            {
                return false;
            }
        }

        return true;
    }
}
