using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>A contact was deleted.</summary>
/// <param name="ContactId">The contact.</param>
[DomainEvent("contact.deleted")]
public sealed record ContactDeleted(ContactId ContactId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Contact, ContactId.Value);
}
