using Crm.Customers;

namespace Crm.Views;

/// <summary>A contact as an account's 360 view shows it: the person, their roles at the account, and whether it is their primary account.</summary>
/// <param name="Contact">The contact.</param>
/// <param name="Roles">Their roles at the account.</param>
/// <param name="IsPrimary">Whether the account is the contact's primary account.</param>
public sealed record LinkedContact(ContactData Contact, IReadOnlyList<string> Roles, bool IsPrimary);
