namespace Crm;

/// <summary>The identifier of a activity: a UUIDv7, so ids sort roughly by creation time.</summary>
/// <param name="Value">The underlying UUID.</param>
public readonly record struct ActivityId(Guid Value) : ITypedId<ActivityId>, IComparable<ActivityId>
{
    /// <inheritdoc />
    public static ActivityId FromGuid(Guid value) => new(value);

    /// <summary>Parses the canonical text form (<c>xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx</c>).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="FormatException">The text is not a UUID.</exception>
    public static ActivityId Parse(string text) => new(Guid.Parse(text, System.Globalization.CultureInfo.InvariantCulture));

    /// <inheritdoc />
    public int CompareTo(ActivityId other) => Value.CompareTo(other.Value);

    /// <summary>The canonical lower-case text form.</summary>
    /// <returns>The UUID as text.</returns>
    public override string ToString() => Value.ToString("D");

    /// <summary>Orders ids as the storage rules do (UUID byte order).</summary>
    public static bool operator <(ActivityId left, ActivityId right) => left.CompareTo(right) < 0;

    /// <summary>Orders ids as the storage rules do (UUID byte order).</summary>
    public static bool operator >(ActivityId left, ActivityId right) => left.CompareTo(right) > 0;

    /// <summary>Orders ids as the storage rules do (UUID byte order).</summary>
    public static bool operator <=(ActivityId left, ActivityId right) => left.CompareTo(right) <= 0;

    /// <summary>Orders ids as the storage rules do (UUID byte order).</summary>
    public static bool operator >=(ActivityId left, ActivityId right) => left.CompareTo(right) >= 0;
}
