using NodaTime;

namespace Crm;

/// <summary>
/// Instants are stored and compared at microsecond precision, the finest PostgreSQL keeps.
/// The SDK truncates every instant it writes with <see cref="ToMicroseconds(Instant)"/>.
/// </summary>
public static class InstantPrecision
{
    /// <summary>Truncates an instant towards the past to a whole microsecond.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The instant without its sub-microsecond part.</returns>
    public static Instant ToMicroseconds(this Instant instant)
    {
        var ticks = instant.ToUnixTimeTicks();
        var remainder = ticks % 10;
        if (remainder < 0)
        {
            remainder += 10;
        }

        return Instant.FromUnixTimeTicks(ticks - remainder);
    }
}
