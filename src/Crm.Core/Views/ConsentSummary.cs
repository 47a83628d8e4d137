using Crm.Customers;

namespace Crm.Views;

/// <summary>How many people may be reached on one channel: for an account, its linked contacts in the view; for a contact, the contact (counts 0 or 1).</summary>
/// <param name="Channel">The channel.</param>
/// <param name="Granted">Consent granted and not do-not-contact: may be contacted.</param>
/// <param name="Withdrawn">Consent withdrawn.</param>
/// <param name="Unknown">No consent recorded, or status unknown.</param>
/// <param name="DoNotContact">Marked do-not-contact (whatever the consent).</param>
public sealed record ChannelConsentSummary(ContactChannel Channel, int Granted, int Withdrawn, int Unknown, int DoNotContact);
