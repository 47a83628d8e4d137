using System.Numerics;

namespace Crm.Rules.Evaluation;

/// <summary>
/// Division rounded once, exactly: the quotient to 12 decimal places, midpoint away from zero.
/// Dividing decimals first and rounding after would round twice (decimal division already rounds
/// to 28 significant digits), which moves some results by one unit in the last place.
/// </summary>
internal static class ExactDivision
{
    private const int Scale = 12;
    private static readonly BigInteger MaxMantissa = (BigInteger.One << 96) - 1;

    public static decimal Divide(decimal dividend, decimal divisor)
    {
        var (a, aScale) = Parts(dividend);
        var (b, bScale) = Parts(divisor);

        // dividend / divisor * 10^12 = a * 10^(bScale + 12) / (b * 10^aScale)
        var numerator = a * BigInteger.Pow(10, bScale + Scale);
        var denominator = b * BigInteger.Pow(10, aScale);
        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (BigInteger.Abs(remainder) * 2 >= BigInteger.Abs(denominator))
        {
            quotient += numerator.Sign * denominator.Sign;
        }

        var scale = Scale;
        while (scale > 0 && quotient % 10 == 0 && !quotient.IsZero)
        {
            quotient /= 10;
            scale--;
        }

        var magnitude = BigInteger.Abs(quotient);
        if (magnitude > MaxMantissa)
        {
            throw new OverflowException();
        }

        var bytes = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        Array.Resize(ref bytes, 12);
        return new decimal(BitConverter.ToInt32(bytes, 0), BitConverter.ToInt32(bytes, 4), BitConverter.ToInt32(bytes, 8), quotient.Sign < 0, (byte)(quotient.IsZero ? 0 : scale));
    }

    private static (BigInteger Mantissa, int Scale) Parts(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var mantissa = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return (bits[3] < 0 ? -mantissa : mantissa, scale);
    }
}
