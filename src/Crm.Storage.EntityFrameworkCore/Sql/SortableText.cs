using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Crm.CustomFields;
using NodaTime;
using NodaTime.Text;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>
/// Text forms of values whose binary (ordinal) order is the values' order, so a database compares
/// and sorts them exactly with its plain text comparison: decimals on SQLite (which has no decimal
/// type and would round through doubles), instants and dates on SQLite, and custom field values on
/// both databases, where the first character also names the kind so values of different kinds
/// never compare equal and sort by kind, as the SDK's rules say.
/// </summary>
internal static class SortableText
{
    private static readonly InstantPattern FixedInstant = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss.ffffff'Z'");
    private static readonly LocalDatePattern FixedDate = LocalDatePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd");

    /// <summary>
    /// A decimal as text in value order: <c>2</c> for zero; <c>3</c>, the biased decimal exponent
    /// and the significant digits for positives; <c>1</c>, the complemented exponent, the nines'
    /// complement of the digits and <c>~</c> for negatives. Trailing zeros are dropped, so 1.0 and
    /// 1.00 have one form.
    /// </summary>
    public static string Number(decimal value)
    {
        if (value == 0m)
        {
            return "2";
        }

        var (exponent, digits) = Normalise(Math.Abs(value));
        var builder = new StringBuilder(digits.Length + 4);
        if (value > 0)
        {
            builder.Append('3').Append((exponent + 50).ToString("D2", CultureInfo.InvariantCulture)).Append(digits);
        }
        else
        {
            builder.Append('1').Append((49 - exponent).ToString("D2", CultureInfo.InvariantCulture));
            foreach (var digit in digits)
            {
                builder.Append((char)('9' - digit + '0'));
            }

            builder.Append('~');
        }

        return builder.ToString();
    }

    /// <summary>Reads <see cref="Number"/>'s form back.</summary>
    public static decimal ParseNumber(string text)
    {
        return TryParseNumberFast(text, out var value) ? value : ParseNumberSlow(text);
    }

    // The usual case without allocating (SQLite's analytic functions call this per row): at most 28
    // significant digits and 28 decimal places, the decimal built from its 96-bit integer and scale.
    internal static bool TryParseNumberFast(string text, out decimal value)
    {
        value = 0m;
        if (text == "2")
        {
            return true;
        }

        if (text.Length < 4)
        {
            return false;
        }

        var negative = text[0] == '1';
        var digits = negative ? text.AsSpan(3, text.Length - 4) : text.AsSpan(3);
        if (digits.Length > 28 || !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var biased))
        {
            return false;
        }

        var exponent = negative ? 49 - biased : biased - 50;
        UInt128 mantissa = 0;
        foreach (var c in digits)
        {
            var digit = negative ? '9' - c : c - '0';
            if (digit is < 0 or > 9)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (uint)digit;
        }

        var scale = digits.Length - exponent;
        for (; scale < 0; scale++)
        {
            mantissa *= 10;
        }

        if (scale > 28 || mantissa >> 96 != 0)
        {
            return false;
        }

        value = new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), (int)(uint)(mantissa >> 64), negative, (byte)scale);
        return true;
    }

    internal static decimal ParseNumberSlow(string text)
    {
        if (text == "2")
        {
            return 0m;
        }

        var negative = text[0] == '1';
        var biased = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var exponent = negative ? 49 - biased : biased - 50;
        var digits = negative
            ? new string([.. text[3..^1].Select(c => (char)('9' - c + '0'))])
            : text[3..];
        // 0.d1d2d3... x 10^exponent, written out so no digit is rounded away
        var plain = exponent >= digits.Length ? digits + new string('0', exponent - digits.Length)
            : exponent > 0 ? digits[..exponent] + "." + digits[exponent..]
            : "0." + new string('0', -exponent) + digits;
        var scaled = decimal.Parse(plain, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return negative ? -scaled : scaled;
    }

    /// <summary>An instant as fixed-width ISO text to the microsecond (years 0001–9999 sort correctly).</summary>
    public static string Instant(Instant value) => FixedInstant.Format(value);

    /// <summary>A date as ISO text.</summary>
    public static string Date(LocalDate value) => FixedDate.Format(value);

    /// <summary>Reads <see cref="Date"/>'s form back.</summary>
    public static LocalDate ParseDate(string text) => FixedDate.Parse(text).Value;

    /// <summary>A custom field value with its kind as the first character (a text, b number, c boolean, d date, e instant: the order of <see cref="ScalarKind"/>).</summary>
    public static string Tagged(ScalarValue value) => value.Kind switch
    {
        ScalarKind.Text => "a" + value.AsText(),
        ScalarKind.Number => "b" + Number(value.AsNumber()),
        ScalarKind.Boolean => value.AsBoolean() ? "c1" : "c0",
        ScalarKind.Date => "d" + Date(value.AsDate()),
        ScalarKind.Instant => "e" + Instant(value.AsInstant()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown kind."),
    };

    /// <summary>The first character after every tagged value of a kind (for range conditions that must stay within the kind).</summary>
    public static string KindEnd(ScalarKind kind) => ((char)('a' + (int)kind + 1)).ToString();

    /// <summary>The tag of a kind.</summary>
    public static string KindStart(ScalarKind kind) => ((char)('a' + (int)kind)).ToString();

    /// <summary>Reads <see cref="Tagged"/>'s form back.</summary>
    public static ScalarValue ParseTagged(string text) => text[0] switch
    {
        'a' => ScalarValue.Text(text[1..]),
        'b' => ScalarValue.Number(ParseNumber(text[1..])),
        'c' => ScalarValue.Boolean(text[1] == '1'),
        'd' => ScalarValue.Date(FixedDate.Parse(text[1..]).Value),
        'e' => ScalarValue.Instant(FixedInstant.Parse(text[1..]).Value),
        _ => throw new FormatException($"'{text}' is not a stored custom field value."),
    };

    /// <summary>The custom fields as a JSON object of tagged values (the queryable <c>custom_fields</c> column).</summary>
    public static string CustomFields(IReadOnlyDictionary<string, ScalarValue> fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, Tagged(value));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Reads the <c>custom_fields</c> column back into typed values.</summary>
    public static ImmutableSortedDictionary<string, ScalarValue> ParseCustomFields(string json)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, ScalarValue>(StringComparer.Ordinal);
        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            builder[property.Name] = ParseTagged(property.Value.GetString()!);
        }

        return builder.ToImmutable();
    }

    private static (int Exponent, string Digits) Normalise(decimal magnitude)
    {
        var text = magnitude.ToString(CultureInfo.InvariantCulture);
        var point = text.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? text : text[..point];
        var fraction = point < 0 ? string.Empty : text[(point + 1)..];
        if (whole != "0")
        {
            return (whole.Length, (whole + fraction).TrimEnd('0'));
        }

        var significant = fraction.TrimStart('0');
        return (-(fraction.Length - significant.Length), significant.TrimEnd('0'));
    }
}
