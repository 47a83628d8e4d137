using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>A contact was changed.</summary>
/// <param name="ContactId">The contact.</param>
[DomainEvent("contact.updated")]
public sealed record ContactUpdated(ContactId ContactId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Contact, ContactId.Value);
}
