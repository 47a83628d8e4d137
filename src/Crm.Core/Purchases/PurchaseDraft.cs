using NodaTime;

namespace Crm.Purchases;

/// <summary>
/// A purchase as an ERP reports it, for <c>session.Purchases.UpsertAsync</c>: identified by the
/// ERP's keys (<see cref="Source"/>, <see cref="OrderNumber"/>), bought by an account, a contact or
/// both. Validated on commit.
/// </summary>
public sealed record PurchaseDraft
{
    /// <summary>The code of the system that reports it (<c>erp</c>, <c>shop</c>); letters, digits, <c>_ . -</c>, starting with a letter.</summary>
    public required string Source { get; init; }

    /// <summary>The order (or invoice) number in that system, unique per source.</summary>
    public required string OrderNumber { get; init; }

    /// <summary>The day of the purchase.</summary>
    public required LocalDate OrderedOn { get; init; }

    /// <summary>The buying account, if any.</summary>
    public AccountId? AccountId { get; init; }

    /// <summary>The buying or ordering contact, if any.</summary>
    public ContactId? ContactId { get; init; }

    /// <summary>The lines, all in one currency.</summary>
    public required IReadOnlyList<PurchaseLine> Lines { get; init; }
}
