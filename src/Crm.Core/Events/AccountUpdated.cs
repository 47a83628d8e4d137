using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>An account was changed.</summary>
/// <param name="AccountId">The account.</param>
[DomainEvent("account.updated")]
public sealed record AccountUpdated(AccountId AccountId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Account, AccountId.Value);
}
