using System.Collections.Concurrent;
using System.Reflection;

namespace Crm.Events;

/// <summary>
/// Maps domain event types to their stable names (<see cref="DomainEventAttribute"/>) and back, so
/// the outbox stores names, not CLR type names. The SDK's own events are known; modules and hosts
/// add theirs with <c>crm.AddDomainEvent&lt;T&gt;()</c>.
/// </summary>
public sealed class DomainEventTypes
{
    private readonly ConcurrentDictionary<string, Type> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Type, string> _byType = new();

    /// <summary>Creates a registry that knows the SDK's own events.</summary>
    public DomainEventTypes()
    {
        foreach (var type in typeof(IDomainEvent).Assembly.GetTypes().Where(t => t.GetCustomAttribute<DomainEventAttribute>() is not null))
        {
            Register(type);
        }
    }

    /// <summary>Registers an event type.</summary>
    /// <param name="type">A type implementing <see cref="IDomainEvent"/> with a <see cref="DomainEventAttribute"/>.</param>
    /// <exception cref="ArgumentException">The type lacks the attribute or interface, or its name is taken by another type.</exception>
    public void Register(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!typeof(IDomainEvent).IsAssignableFrom(type))
        {
            throw new ArgumentException($"{type.FullName} does not implement IDomainEvent.", nameof(type));
        }

        var name = type.GetCustomAttribute<DomainEventAttribute>()?.Name
            ?? throw new ArgumentException($"{type.FullName} needs a [DomainEvent(\"name\")] attribute with its stable name.", nameof(type));
        var existing = _byName.GetOrAdd(name, type);
        if (existing != type)
        {
            throw new ArgumentException($"The event name '{name}' is used by both {existing.FullName} and {type.FullName}.", nameof(type));
        }

        _byType[type] = name;
    }

    /// <summary>The stable name of an event type.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The name.</returns>
    /// <exception cref="InvalidOperationException">The type is not registered.</exception>
    public string NameOf(Type type) => _byType.TryGetValue(type, out var name)
        ? name
        : throw new InvalidOperationException($"The event type {type.FullName} is not registered; call crm.AddDomainEvent<{type.Name}>().");

    /// <summary>Finds the type of a stable name.</summary>
    /// <param name="name">The name.</param>
    /// <param name="type">The type, when known.</param>
    /// <returns>Whether it is known.</returns>
    public bool TryGetType(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Type? type) => _byName.TryGetValue(name, out type);
}
