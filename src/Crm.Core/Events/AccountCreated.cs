using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>An account was created.</summary>
/// <param name="AccountId">The account.</param>
[DomainEvent("account.created")]
public sealed record AccountCreated(AccountId AccountId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Account, AccountId.Value);
}
