using Crm.Customers;

namespace Crm.Views;

/// <summary>An account as a contact's 360 view shows it: the organisation, the contact's roles there, and whether it is the primary account.</summary>
/// <param name="Account">The account.</param>
/// <param name="Roles">The contact's roles at it.</param>
/// <param name="IsPrimary">Whether it is the contact's primary account.</param>
public sealed record LinkedAccount(AccountData Account, IReadOnlyList<string> Roles, bool IsPrimary);
