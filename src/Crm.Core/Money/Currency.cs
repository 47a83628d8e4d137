using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;

namespace Crm;

/// <summary>
/// An ISO 4217 currency: its three-letter code and the number of digits of its minor unit
/// (EUR 2, JPY 0, KWD 3, CLF 4). Only active ISO 4217 codes (and the funds and metals codes
/// X..) are accepted.
/// </summary>
public readonly record struct Currency
{
    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    /// <summary>The upper-case ISO 4217 alphabetic code, e.g. <c>EUR</c>.</summary>
    public string Code { get; }

    /// <summary>Digits after the decimal point of the minor unit (2 for EUR, 0 for JPY, 3 for KWD).</summary>
    public int MinorUnits { get; }

    /// <summary>Looks up a currency by its ISO 4217 code (case-insensitive).</summary>
    /// <param name="code">The code, e.g. <c>"eur"</c> or <c>"EUR"</c>.</param>
    /// <returns>The currency.</returns>
    /// <exception cref="ArgumentException">The code is not an ISO 4217 currency.</exception>
    public static Currency FromCode(string code) => TryFromCode(code, out var currency)
        ? currency
        : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code.", nameof(code));

    /// <summary>Looks up a currency by its ISO 4217 code (case-insensitive) without throwing.</summary>
    /// <param name="code">The code.</param>
    /// <param name="currency">The currency, when found.</param>
    /// <returns><see langword="true"/> when the code is an ISO 4217 currency.</returns>
    public static bool TryFromCode([NotNullWhen(true)] string? code, out Currency currency)
    {
        if (code is { Length: 3 } && Iso4217.Table.TryGetValue(code.ToUpperInvariant(), out var minor))
        {
            currency = new Currency(code.ToUpperInvariant(), minor);
            return true;
        }

        currency = default;
        return false;
    }

    /// <summary>Every currency this SDK knows, ordered by code.</summary>
    public static IEnumerable<Currency> All => Iso4217.Table.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new Currency(p.Key, p.Value));

    /// <summary>The code.</summary>
    /// <returns>The code.</returns>
    public override string ToString() => Code ?? string.Empty;

    private static class Iso4217
    {
        // ISO 4217 list one (active codes). Most currencies have 2 minor digits; the exceptions are listed.
        private const string TwoDigits =
            "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD " +
            "CAD CDF CHE CHF CHW CNY COP COU CRC CUC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS " +
            "GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD " +
            "MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR " +
            "PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY " +
            "TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

        private const string ZeroDigits = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
        private const string ThreeDigits = "BHD IQD JOD KWD LYD OMR TND";
        private const string FourDigits = "CLF UYW";

        // Funds, metals and testing codes have no minor unit ("N.A." in ISO 4217); money in them keeps its scale.
        private const string NoMinorUnit = "XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA XXX";

        public static readonly FrozenDictionary<string, int> Table = Build();

        private static FrozenDictionary<string, int> Build()
        {
            var table = new Dictionary<string, int>(StringComparer.Ordinal);
            Add(table, TwoDigits, 2);
            Add(table, ZeroDigits, 0);
            Add(table, ThreeDigits, 3);
            Add(table, FourDigits, 4);
            Add(table, NoMinorUnit, Money.NoMinorUnit);
            return table.ToFrozenDictionary(StringComparer.Ordinal);
        }

        private static void Add(Dictionary<string, int> table, string codes, int minor)
        {
            foreach (var code in codes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                table.Add(code, minor);
            }
        }
    }
}
