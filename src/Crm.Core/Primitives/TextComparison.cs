namespace Crm;

/// <summary>
/// The one text order every store obeys: Unicode code point order, which equals the byte order of
/// UTF-8 (PostgreSQL's <c>C</c> collation, SQLite's <c>BINARY</c> on UTF-8 text). Plain
/// <see cref="string.CompareOrdinal(string, string)"/> compares UTF-16 code units and puts
/// characters above U+FFFF before U+E000–U+FFFF; this comparer does not.
/// </summary>
public sealed class TextComparison : IComparer<string?>, IEqualityComparer<string?>
{
    /// <summary>The shared, stateless instance.</summary>
    public static TextComparison CodePoint { get; } = new();

    private TextComparison()
    {
    }

    /// <summary>Compares two strings by code point; <see langword="null"/> sorts first.</summary>
    /// <param name="x">The first string.</param>
    /// <param name="y">The second string.</param>
    /// <returns>Negative, zero or positive as <paramref name="x"/> sorts before, with or after <paramref name="y"/>.</returns>
    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null)
        {
            return -1;
        }

        if (y is null)
        {
            return 1;
        }

        return CompareSpans(x.AsSpan(), y.AsSpan());
    }

    /// <summary>Compares two character spans by code point.</summary>
    /// <param name="x">The first text.</param>
    /// <param name="y">The second text.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int CompareSpans(ReadOnlySpan<char> x, ReadOnlySpan<char> y)
    {
        var common = x.CommonPrefixLength(y);
        if (common == x.Length || common == y.Length)
        {
            return x.Length.CompareTo(y.Length);
        }

        return Fixup(x[common]).CompareTo(Fixup(y[common]));
    }

    /// <inheritdoc />
    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    /// <inheritdoc />
    public int GetHashCode(string? obj) => obj is null ? 0 : obj.GetHashCode(StringComparison.Ordinal);

    // Surrogates (U+D800–U+DFFF) encode code points above U+FFFF, so they must sort after
    // U+E000–U+FFFF: shift them up and the BMP private-use/specials block down.
    private static int Fixup(char c) => c >= '\uD800'
        ? c >= '\uE000' ? c - 0x800 : c + 0x2000
        : c;
}
