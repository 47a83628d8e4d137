using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>A purchase reported by an ERP was recorded for the first time.</summary>
/// <param name="PurchaseId">The purchase.</param>
/// <param name="AccountId">The buying account, if any.</param>
/// <param name="ContactId">The buying contact, if any.</param>
[DomainEvent("purchase.recorded")]
public sealed record PurchaseRecorded(PurchaseId PurchaseId, AccountId? AccountId, ContactId? ContactId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Purchase, PurchaseId.Value);
}
