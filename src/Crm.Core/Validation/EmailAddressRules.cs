using System.Globalization;

namespace Crm.Validation;

/// <summary>
/// The email syntax the SDK accepts: <c>local@domain</c> with a dot-atom local part (RFC 5322,
/// no quoted strings or comments; Unicode letters allowed as in RFC 6531) and a domain of at least
/// two labels whose ASCII (IDNA) form is a valid host name. Deliverability is not checked.
/// </summary>
public static class EmailAddressRules
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>Normalises an address for storage: trimmed and lower-cased (invariant).</summary>
    /// <param name="address">The address.</param>
    /// <returns>The normalised address.</returns>
    public static string Normalize(string address) => address.Trim().ToLowerInvariant();

    /// <summary>Whether an (already normalised) address has a valid syntax.</summary>
    /// <param name="address">The address.</param>
    /// <returns>Whether it is valid.</returns>
    public static bool IsValid(string? address)
    {
        if (string.IsNullOrEmpty(address) || address.Length > CustomerLimits.EmailLength)
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at <= 0 || at > 64 || at == address.Length - 1)
        {
            return false;
        }

        return IsValidLocalPart(address.AsSpan(0, at)) && IsValidDomain(address.AsSpan(at + 1));
    }

    private static readonly System.Buffers.SearchValues<char> AsciiLetters = System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    private static readonly System.Buffers.SearchValues<char> LocalSymbols = System.Buffers.SearchValues.Create("!#$%&'*+/=?^_`{|}~.-");

    private static bool IsValidLocalPart(ReadOnlySpan<char> local)
    {
        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            var ok = char.IsAsciiLetterOrDigit(c) || LocalSymbols.Contains(c) || (c > 127 && char.IsLetterOrDigit(c));
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    // Spans, not Split: an import validates every address, and the substrings were most of the cost.
    private static bool IsValidDomain(ReadOnlySpan<char> domain)
    {
        if (!System.Text.Ascii.IsValid(domain))
        {
            try
            {
                return IsValidAsciiDomain(Idn.GetAscii(domain.ToString()));
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        return IsValidAsciiDomain(domain);
    }

    private static bool IsValidAsciiDomain(ReadOnlySpan<char> ascii)
    {
        if (ascii.Length > 253)
        {
            return false;
        }

        var labels = 0;
        var tld = ReadOnlySpan<char>.Empty;
        foreach (var range in ascii.Split('.'))
        {
            var label = ascii[range];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false;
            }

            foreach (var c in label)
            {
                if (!char.IsAsciiLetterOrDigit(c) && c != '-')
                {
                    return false;
                }
            }

            labels++;
            tld = label;
        }

        return labels >= 2 && tld.Length >= 2 && (tld.StartsWith("xn--", StringComparison.Ordinal) || !tld.ContainsAnyExcept(AsciiLetters));
    }
}
