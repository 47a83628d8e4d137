using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>A contact was created.</summary>
/// <param name="ContactId">The contact.</param>
[DomainEvent("contact.created")]
public sealed record ContactCreated(ContactId ContactId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Contact, ContactId.Value);
}
