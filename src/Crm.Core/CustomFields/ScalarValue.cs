using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace Crm.CustomFields;

/// <summary>
/// One typed value: a custom field's value, or the operand of a filter. Immutable. Implicit
/// conversions let callers write <c>["tier"] = "gold"</c> or <c>["score"] = 12.5m</c>.
/// Values of the same kind compare as the storage rules say; values of different kinds do not
/// compare (see <see cref="CompareTo(ScalarValue?)"/>).
/// </summary>
public sealed class ScalarValue : IEquatable<ScalarValue>, IComparable<ScalarValue>
{
    private readonly string? _text;
    private readonly decimal _number;
    private readonly long _ticks;

    private ScalarValue(ScalarKind kind, string? text, decimal number, long ticks)
    {
        Kind = kind;
        _text = text;
        _number = number;
        _ticks = ticks;
    }

    /// <summary>The kind of value.</summary>
    public ScalarKind Kind { get; }

    /// <summary>A text value.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The value.</returns>
    public static ScalarValue Text(string value) => new(ScalarKind.Text, value ?? throw new ArgumentNullException(nameof(value)), 0, 0);

    /// <summary>A number.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The value.</returns>
    public static ScalarValue Number(decimal value) => new(ScalarKind.Number, null, value, 0);

    /// <summary>A boolean.</summary>
    /// <param name="value">The boolean.</param>
    /// <returns>The value.</returns>
    public static ScalarValue Boolean(bool value) => new(ScalarKind.Boolean, null, value ? 1 : 0, 0);

    /// <summary>A calendar date (ISO calendar), in the years 1 to 9999.</summary>
    /// <param name="value">The date.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 1.</exception>
    public static ScalarValue Date(LocalDate value) => new(ScalarKind.Date, null, 0, value.WithCalendar(CalendarSystem.Iso).ToDateOnly().DayNumber);

    /// <summary>A moment, truncated to the microsecond.</summary>
    /// <param name="value">The instant.</param>
    /// <returns>The value.</returns>
    public static ScalarValue Instant(Instant value) => new(ScalarKind.Instant, null, 0, value.ToMicroseconds().ToUnixTimeTicks());

    /// <summary>The text; throws for another kind.</summary>
    /// <returns>The text.</returns>
    public string AsText() => Kind == ScalarKind.Text ? _text! : throw WrongKind(ScalarKind.Text);

    /// <summary>The number; throws for another kind.</summary>
    /// <returns>The number.</returns>
    public decimal AsNumber() => Kind == ScalarKind.Number ? _number : throw WrongKind(ScalarKind.Number);

    /// <summary>The boolean; throws for another kind.</summary>
    /// <returns>The boolean.</returns>
    public bool AsBoolean() => Kind == ScalarKind.Boolean ? _number != 0 : throw WrongKind(ScalarKind.Boolean);

    /// <summary>The date; throws for another kind.</summary>
    /// <returns>The date.</returns>
    public LocalDate AsDate() => Kind == ScalarKind.Date ? LocalDate.FromDateOnly(DateOnly.FromDayNumber((int)_ticks)) : throw WrongKind(ScalarKind.Date);

    /// <summary>The instant; throws for another kind.</summary>
    /// <returns>The instant.</returns>
    public Instant AsInstant() => Kind == ScalarKind.Instant ? NodaTime.Instant.FromUnixTimeTicks(_ticks) : throw WrongKind(ScalarKind.Instant);

    /// <summary>Converts text to a value.</summary>
    public static implicit operator ScalarValue(string value) => Text(value);

    /// <summary>Converts a number to a value.</summary>
    public static implicit operator ScalarValue(decimal value) => Number(value);

    /// <summary>Converts an integer to a value.</summary>
    public static implicit operator ScalarValue(int value) => Number(value);

    /// <summary>Converts a boolean to a value.</summary>
    public static implicit operator ScalarValue(bool value) => Boolean(value);

    /// <summary>Converts a date to a value.</summary>
    public static implicit operator ScalarValue(LocalDate value) => Date(value);

    /// <summary>Converts an instant to a value.</summary>
    public static implicit operator ScalarValue(Instant value) => Instant(value);

    /// <summary>
    /// Compares two values of the same kind by the storage rules: text by code point, numbers by
    /// value, false before true, dates and instants by time. A <see langword="null"/> sorts first.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns>Negative, zero or positive.</returns>
    /// <exception cref="ArgumentException">The kinds differ.</exception>
    public int CompareTo(ScalarValue? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (other.Kind != Kind)
        {
            throw new ArgumentException($"Cannot compare a {Kind} value with a {other.Kind} value.", nameof(other));
        }

        return Kind switch
        {
            ScalarKind.Text => TextComparison.CompareSpans(_text, other._text),
            ScalarKind.Number or ScalarKind.Boolean => _number.CompareTo(other._number),
            _ => _ticks.CompareTo(other._ticks),
        };
    }

    /// <summary>Equal when the kinds are equal and the values compare equal (1.0 equals 1.00).</summary>
    /// <param name="other">The other value.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(ScalarValue? other) => other is not null && other.Kind == Kind && CompareTo(other) == 0;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ScalarValue);

    /// <inheritdoc />
    public override int GetHashCode() => Kind switch
    {
        ScalarKind.Text => HashCode.Combine(Kind, _text!.GetHashCode(StringComparison.Ordinal)),
        ScalarKind.Number or ScalarKind.Boolean => HashCode.Combine(Kind, _number),
        _ => HashCode.Combine(Kind, _ticks),
    };

    /// <summary>The invariant text form: the text itself, a number, <c>true</c>/<c>false</c>, ISO dates and instants.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        ScalarKind.Text => _text!,
        ScalarKind.Number => _number.ToString(CultureInfo.InvariantCulture),
        ScalarKind.Boolean => _number != 0 ? "true" : "false",
        ScalarKind.Date => LocalDatePattern.Iso.Format(AsDate()),
        _ => InstantPattern.ExtendedIso.Format(AsInstant()),
    };

    /// <summary>Equality by value.</summary>
    public static bool operator ==(ScalarValue? left, ScalarValue? right) => left is null ? right is null : left.Equals(right);

    /// <summary>Inequality by value.</summary>
    public static bool operator !=(ScalarValue? left, ScalarValue? right) => !(left == right);

    /// <summary>Ordering by value (same kind only).</summary>
    public static bool operator <(ScalarValue? left, ScalarValue? right) => Compare(left, right) < 0;

    /// <summary>Ordering by value (same kind only).</summary>
    public static bool operator >(ScalarValue? left, ScalarValue? right) => Compare(left, right) > 0;

    /// <summary>Ordering by value (same kind only).</summary>
    public static bool operator <=(ScalarValue? left, ScalarValue? right) => Compare(left, right) <= 0;

    /// <summary>Ordering by value (same kind only).</summary>
    public static bool operator >=(ScalarValue? left, ScalarValue? right) => Compare(left, right) >= 0;

    /// <summary>Compares with nulls first, as the storage rules order them.</summary>
    /// <param name="left">The first value or null.</param>
    /// <param name="right">The second value or null.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int Compare(ScalarValue? left, ScalarValue? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    private InvalidOperationException WrongKind(ScalarKind wanted) => new($"The value is {Kind}, not {wanted}.");
}
