using NodaTime;

namespace Crm.Customers;

/// <summary>
/// A contact's relationship with an account: the roles the person plays there (see
/// <see cref="ContactRoles"/>; hosts may use their own codes) and when. A contact has at most one
/// entry per account; its primary account is <see cref="ContactData.AccountId"/>.
/// </summary>
/// <param name="AccountId">The account.</param>
/// <param name="Roles">The roles, distinct and in code point order (may be empty).</param>
/// <param name="Since">The first day of the relationship, if known.</param>
/// <param name="Until">The last day, if it ended.</param>
public sealed record AccountRole(AccountId AccountId, IReadOnlyList<string> Roles, LocalDate? Since = null, LocalDate? Until = null);
