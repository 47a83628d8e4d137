using Crm.Customers;

namespace Crm.Events;

/// <summary>Consent or do-not-contact changed for a channel of a contact or account.</summary>
/// <param name="Subject">The contact or account.</param>
/// <param name="Channel">The channel.</param>
/// <param name="Status">The new consent status.</param>
/// <param name="DoNotContact">The new do-not-contact flag.</param>
[DomainEvent("customer.consent_changed")]
public sealed record ConsentChanged(RecordRef Subject, ContactChannel Channel, ConsentStatus Status, bool DoNotContact) : IDomainEvent;
