using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>An account was deleted.</summary>
/// <param name="AccountId">The account.</param>
[DomainEvent("account.deleted")]
public sealed record AccountDeleted(AccountId AccountId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Account, AccountId.Value);
}
