using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.Rules.Schema;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Evaluation;

/// <summary>One value during evaluation. <see cref="IsNull"/> values carry nothing else.</summary>
internal readonly struct RuleValue
{
    public static readonly RuleValue Null;
    public static readonly RuleValue True = new(RuleTypeKind.Boolean, boolean: true);
    public static readonly RuleValue False = new(RuleTypeKind.Boolean, boolean: false);

    private RuleValue(RuleTypeKind kind, decimal number = 0m, string? text = null, bool boolean = false, Instant instant = default, LocalDate date = default, Duration duration = default, JsonElement json = default)
    {
        Kind = kind;
        HasValue = true;
        Number = number;
        Text = text;
        Boolean = boolean;
        Instant = instant;
        Date = date;
        Duration = duration;
        Json = json;
    }

    public RuleTypeKind Kind { get; }

    public bool HasValue { get; }

    public bool IsNull => !HasValue;

    /// <summary>A number, or the amount of money.</summary>
    public decimal Number { get; }

    /// <summary>A string or enum member, or the currency of money.</summary>
    public string? Text { get; }

    public bool Boolean { get; }

    public Instant Instant { get; }

    public LocalDate Date { get; }

    public Duration Duration { get; }

    /// <summary>The JSON array of a list or collection.</summary>
    public JsonElement Json { get; }

    public static RuleValue Of(bool value) => value ? True : False;

    public static RuleValue Of(decimal value) => new(RuleTypeKind.Number, number: value);

    public static RuleValue Of(string value) => new(RuleTypeKind.String, text: value);

    public static RuleValue Of(Instant value) => new(RuleTypeKind.Instant, instant: value);

    public static RuleValue Of(LocalDate value) => new(RuleTypeKind.Date, date: value);

    public static RuleValue Of(Duration value) => new(RuleTypeKind.Duration, duration: value);

    public static RuleValue Money(decimal amount, string currency) => new(RuleTypeKind.Money, number: amount, text: currency);

    public static RuleValue Elements(RuleTypeKind kind, JsonElement array) => new(kind, json: array);

    /// <summary>The value as the explain trace and error messages show it.</summary>
    public override string ToString()
    {
        if (IsNull)
        {
            return "null";
        }

        return Kind switch
        {
            RuleTypeKind.String or RuleTypeKind.Enum => Syntax.RulePrinter.Quote(Text!),
            RuleTypeKind.Number => Number.ToString(CultureInfo.InvariantCulture),
            RuleTypeKind.Boolean => Boolean ? "true" : "false",
            RuleTypeKind.Date => LocalDatePattern.Iso.Format(Date),
            RuleTypeKind.Instant => InstantPattern.ExtendedIso.Format(Instant),
            RuleTypeKind.Duration => DurationPattern.Roundtrip.Format(Duration),
            RuleTypeKind.Money => $"{Number.ToString(CultureInfo.InvariantCulture)} {Text}",
            _ => Json.GetRawText(),
        };
    }
}

/// <summary>Compares values the way docs/rules.md says: strings by code point, numbers by value.</summary>
internal static class Values
{
    public static bool Equal(in RuleValue a, in RuleValue b)
    {
        if (a.IsNull || b.IsNull)
        {
            return a.IsNull && b.IsNull;
        }

        return a.Kind switch
        {
            RuleTypeKind.Number or RuleTypeKind.Money => a.Number == b.Number && (a.Kind != RuleTypeKind.Money || b.Kind != RuleTypeKind.Money || string.Equals(a.Text, b.Text, StringComparison.Ordinal)),
            RuleTypeKind.String or RuleTypeKind.Enum => string.Equals(a.Text, b.Text, StringComparison.Ordinal),
            RuleTypeKind.Boolean => a.Boolean == b.Boolean,
            RuleTypeKind.Date => a.Date == b.Date,
            RuleTypeKind.Instant => a.Instant == b.Instant,
            RuleTypeKind.Duration => a.Duration == b.Duration,
            _ => false,
        };
    }

    /// <summary>Orders two non-null values of one ordered kind.</summary>
    public static int Compare(in RuleValue a, in RuleValue b) => a.Kind switch
    {
        RuleTypeKind.Number or RuleTypeKind.Money => CompareAmounts(a, b),
        RuleTypeKind.String => CompareCodePoints(a.Text!, b.Text!),
        RuleTypeKind.Date => a.Date.CompareTo(b.Date),
        RuleTypeKind.Instant => a.Instant.CompareTo(b.Instant),
        RuleTypeKind.Duration => a.Duration.CompareTo(b.Duration),
        _ => throw new InvalidOperationException($"{a.Kind} values are not ordered."),
    };

    /// <summary>Ordinal comparison by Unicode code point (UTF-16 code unit order differs above U+FFFF).</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            var x = a[i];
            var y = b[i];
            if (x != y)
            {
                return Fix(x) - Fix(y);
            }
        }

        return a.Length - b.Length;

        // Surrogates (D800–DFFF) encode code points above every BMP character, E000–FFFF included.
        static int Fix(char c) => c >= 0xD800 ? (c >= 0xE000 ? c - 0x800 : c + 0x2000) : c;
    }

    public static string Lower(string text) => MapRunes(text, Rune.ToLowerInvariant);

    public static string Upper(string text) => MapRunes(text, Rune.ToUpperInvariant);

    public static int Length(string text)
    {
        var count = 0;
        foreach (var unused in text.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    private static int CompareAmounts(in RuleValue a, in RuleValue b)
    {
        if (a.Kind == RuleTypeKind.Money && b.Kind == RuleTypeKind.Money && !string.Equals(a.Text, b.Text, StringComparison.Ordinal))
        {
            throw new RecordErrorException($"cannot compare {a} with {b}: different currencies");
        }

        return a.Number.CompareTo(b.Number);
    }

    private static string MapRunes(string text, Func<Rune, Rune> map)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            builder.Append(map(rune).ToString());
        }

        return builder.ToString();
    }
}

/// <summary>An error in one record's evaluation (bad data, division by zero, overflow): that record is reported, the batch goes on.</summary>
internal sealed class RecordErrorException(string message) : Exception(message);
