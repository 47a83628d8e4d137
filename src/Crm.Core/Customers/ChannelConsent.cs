using NodaTime;

namespace Crm.Customers;

/// <summary>
/// Consent and do-not-contact for one channel. Do-not-contact is stronger than consent: no
/// module contacts through a channel marked do-not-contact, whatever the consent says.
/// </summary>
/// <param name="Channel">The channel.</param>
/// <param name="Status">The consent status.</param>
/// <param name="DoNotContact">Whether the channel must not be used at all.</param>
/// <param name="ChangedAt">When this was last changed.</param>
/// <param name="Source">Where the decision came from (a form, a call, an import), free text.</param>
public sealed record ChannelConsent(ContactChannel Channel, ConsentStatus Status, bool DoNotContact, Instant ChangedAt, string? Source = null);
