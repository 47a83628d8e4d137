using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>The ERP reported a changed purchase and it was replaced.</summary>
/// <param name="PurchaseId">The purchase.</param>
/// <param name="AccountId">The buying account, if any.</param>
/// <param name="ContactId">The buying contact, if any.</param>
[DomainEvent("purchase.changed")]
public sealed record PurchaseChanged(PurchaseId PurchaseId, AccountId? AccountId, ContactId? ContactId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Purchase, PurchaseId.Value);
}
