using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>A purchase was deleted.</summary>
/// <param name="PurchaseId">The purchase.</param>
[DomainEvent("purchase.deleted")]
public sealed record PurchaseDeleted(PurchaseId PurchaseId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Purchase, PurchaseId.Value);
}
