using NodaTime;

namespace Crm.Customers;

/// <summary>
/// A relationship of an account with another account, recorded on the account it is seen from
/// (<see cref="AccountRelationshipKinds"/>: "B is a supplier of A" is kind <c>supplier</c> on A).
/// At most one entry per related account and kind. The group hierarchy uses
/// <see cref="AccountData.ParentAccountId"/>, not this list.
/// </summary>
/// <param name="RelatedAccountId">The other account.</param>
/// <param name="Kind">What the other account is to this one.</param>
/// <param name="Since">The first day, if known.</param>
/// <param name="Until">The last day, if it ended.</param>
public sealed record AccountRelationship(AccountId RelatedAccountId, string Kind, LocalDate? Since = null, LocalDate? Until = null);
