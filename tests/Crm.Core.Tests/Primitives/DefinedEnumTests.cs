using Crm.Customers;

namespace Crm.Core.Tests.Primitives;

/// <summary>The one-comparison enum check agrees with <see cref="Enum.IsDefined{TEnum}(TEnum)"/>.</summary>
public sealed class DefinedEnumTests
{
    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Dense_and_sparse_enums_agree_with_the_framework(int value)
    {
        Assert.Equal(Enum.IsDefined((ContactPointKind)value), DefinedEnum<ContactPointKind>.IsDefined((ContactPointKind)value));
        Assert.Equal(Enum.IsDefined((ConsentStatus)value), DefinedEnum<ConsentStatus>.IsDefined((ConsentStatus)value));
        Assert.Equal(Enum.IsDefined((Sparse)value), DefinedEnum<Sparse>.IsDefined((Sparse)value));
        Assert.Equal(Enum.IsDefined((Small)(byte)value), DefinedEnum<Small>.IsDefined((Small)(byte)value));
    }

    private enum Sparse
    {
        None = 0,
        Two = 2,
        Minus = -1,
    }

    private enum Small : byte
    {
        A,
        B,
    }
}
