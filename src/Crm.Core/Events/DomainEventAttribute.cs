namespace Crm.Events;

/// <summary>Gives a domain event type its stable wire name (e.g. <c>contact.created</c>), stored in the outbox.</summary>
/// <param name="name">The stable name; never reuse one for a different shape.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class DomainEventAttribute(string name) : Attribute
{
    /// <summary>The stable name.</summary>
    public string Name { get; } = name;
}
