using System.Runtime.CompilerServices;

namespace Crm;

/// <summary>
/// Whether a value of an enum has a name, answered with one comparison for enums numbered 0 to n - 1
/// (every enum of the customer model): <see cref="Enum.IsDefined{TEnum}(TEnum)"/> cost ~40 ns per call,
/// several times per contact.
/// </summary>
internal static class DefinedEnum<T> where T : struct, Enum
{
    // Count of names when they are exactly 0..n-1 over an int; -1 otherwise (then Enum.IsDefined answers).
    private static readonly int DenseCount = CountIfDense();

    public static bool IsDefined(T value)
    {
        if (DenseCount >= 0)
        {
            return (uint)Unsafe.As<T, int>(ref value) < (uint)DenseCount;
        }

        return Enum.IsDefined(value);
    }

    private static int CountIfDense()
    {
        if (Enum.GetUnderlyingType(typeof(T)) != typeof(int))
        {
            return -1;
        }

        var values = Enum.GetValues<T>().Select(v => Unsafe.As<T, int>(ref v)).Distinct().Order().ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] != i)
            {
                return -1;
            }
        }

        return values.Length;
    }
}
