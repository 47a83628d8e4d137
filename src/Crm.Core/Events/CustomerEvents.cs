using Crm.Customers;
using Crm.Storage;

namespace Crm.Events;

/// <summary>A contact was created.</summary>
/// <param name="ContactId">The contact.</param>
[DomainEvent("contact.created")]
public sealed record ContactCreated(ContactId ContactId) : IDomainEvent
{
    /// <inheritdoc />
    public RecordRef Subject => new(EntityTypes.Contact, ContactId.Value);
}

/// <summary>A contact was changed.</summary>
/// <param name="ContactId">The contact.</param>
[DomainEvent("contact.updated")]
public sealed record ContactUpdated(ContactId ContactId) : IDomainEvent
{
    /// <inheritdoc />
    public RecordRef Subject => new(EntityTypes.Contact, ContactId.Value);
}

/// <summary>A contact was deleted.</summary>
/// <param name="ContactId">The contact.</param>
[DomainEvent("contact.deleted")]
public sealed record ContactDeleted(ContactId ContactId) : IDomainEvent
{
    /// <inheritdoc />
    public RecordRef Subject => new(EntityTypes.Contact, ContactId.Value);
}

/// <summary>An account was created.</summary>
/// <param name="AccountId">The account.</param>
[DomainEvent("account.created")]
public sealed record AccountCreated(AccountId AccountId) : IDomainEvent
{
    /// <inheritdoc />
    public RecordRef Subject => new(EntityTypes.Account, AccountId.Value);
}

/// <summary>An account was changed.</summary>
/// <param name="AccountId">The account.</param>
[DomainEvent("account.updated")]
public sealed record AccountUpdated(AccountId AccountId) : IDomainEvent
{
    /// <inheritdoc />
    public RecordRef Subject => new(EntityTypes.Account, AccountId.Value);
}

/// <summary>An account was deleted.</summary>
/// <param name="AccountId">The account.</param>
[DomainEvent("account.deleted")]
public sealed record AccountDeleted(AccountId AccountId) : IDomainEvent
{
    /// <inheritdoc />
    public RecordRef Subject => new(EntityTypes.Account, AccountId.Value);
}

/// <summary>Consent or do-not-contact changed for a channel of a contact or account.</summary>
/// <param name="Subject">The contact or account.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Status">The new consent status.</param>
/// <param name="DoNotContact">The new do-not-contact flag.</param>
[DomainEvent("customer.consent_changed")]
public sealed record ConsentChanged(RecordRef Subject, ContactChannel Channel, ConsentStatus Status, bool DoNotContact) : IDomainEvent;
