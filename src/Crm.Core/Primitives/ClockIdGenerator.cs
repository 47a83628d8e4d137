using NodaTime;

namespace Crm;

/// <summary>The default <see cref="IIdGenerator"/>: UUIDv7 stamped with <see cref="IClock"/>'s time.</summary>
/// <param name="clock">The clock that stamps the ids.</param>
public sealed class ClockIdGenerator(IClock clock) : IIdGenerator
{
    /// <inheritdoc />
    public Guid NewGuid() => UuidV7.Create(clock.GetCurrentInstant());
}
