using Crm.Customers;
using Crm.Events;
using NodaTime;

namespace Crm.Purchases;

/// <summary>
/// One order a customer placed, as the ERP reports it: upserted by the ERP's keys through
/// <c>session.Purchases.UpsertAsync</c>. Owns its lines (deleted with it). Purchase history is
/// kept: an account or contact with purchases cannot be deleted.
/// </summary>
public sealed class Purchase : AggregateRoot<PurchaseData>
{
    /// <summary>Wraps stored data.</summary>
    /// <param name="data">The data.</param>
    public Purchase(PurchaseData data)
        : base(data)
    {
    }

    /// <summary>The id.</summary>
    public PurchaseId Id => Data.Id;

    /// <summary>Creates a new, uncommitted purchase; its first commit raises <see cref="PurchaseRecorded"/>.</summary>
    /// <param name="id">The new id.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The ERP's data.</param>
    /// <param name="now">The creation time.</param>
    /// <returns>The purchase.</returns>
    public static Purchase Create(PurchaseId id, TenantId tenant, PurchaseDraft draft, Instant now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var purchase = new Purchase(new PurchaseData { Id = id, TenantId = tenant, CreatedAt = now.ToMicroseconds(), UpdatedAt = now.ToMicroseconds() });
        purchase.Apply(draft);
        return purchase;
    }

    /// <summary>Whether the stored purchase already says what a draft says (same keys, buyer, date and lines).</summary>
    /// <param name="draft">The draft.</param>
    /// <returns>Whether applying it would change nothing.</returns>
    public bool Matches(PurchaseDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return Data.Source == draft.Source && Data.OrderNumber == draft.OrderNumber && Data.OrderedOn == draft.OrderedOn
            && Data.AccountId == draft.AccountId && Data.ContactId == draft.ContactId
            && Data.Lines.SequenceEqual(Ordered(draft.Lines));
    }

    /// <summary>Replaces the purchase's content with what the ERP reports now (the keys must stay the same).</summary>
    /// <param name="draft">The ERP's data.</param>
    /// <exception cref="ArgumentException">The draft has other keys.</exception>
    public void Replace(PurchaseDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (draft.Source != Data.Source || draft.OrderNumber != Data.OrderNumber)
        {
            throw new ArgumentException($"The draft is order {draft.Source}/{draft.OrderNumber}, not {Data.Source}/{Data.OrderNumber}.", nameof(draft));
        }

        Apply(draft);
    }

    /// <inheritdoc />
    protected internal override IDomainEvent CreatedEvent() => new PurchaseRecorded(Id, Data.AccountId, Data.ContactId);

    /// <inheritdoc />
    protected internal override IDomainEvent UpdatedEvent() => new PurchaseChanged(Id, Data.AccountId, Data.ContactId);

    /// <inheritdoc />
    protected internal override IDomainEvent DeletedEvent() => new PurchaseDeleted(Id);

    private static IReadOnlyList<PurchaseLine> Ordered(IReadOnlyList<PurchaseLine>? lines) =>
        lines is null ? [] : [.. lines.OrderBy(l => l?.LineNumber ?? int.MaxValue)];

    private void Apply(PurchaseDraft draft)
    {
        var lines = Ordered(draft.Lines);
        // Lines without a currency or null lines are reported by validation; the total skips them.
        var priced = lines.Where(l => l is not null && l.Amount.Currency.Code is not null).ToList();
        var currencies = priced.Select(l => l.Amount.Currency).Distinct().ToArray();
        var total = currencies.Length == 0 ? default : new Money(currencies.Length == 1 ? priced.Sum(l => l.Amount.Amount) : 0m, currencies[0]);
        Change(Data with
        {
            Source = draft.Source,
            OrderNumber = draft.OrderNumber,
            OrderedOn = draft.OrderedOn,
            AccountId = draft.AccountId,
            ContactId = draft.ContactId,
            Lines = lines,
            Total = total,
            // The ERP key follows the draft; other keys the host set stay.
            AlternateKeys = [.. Data.AlternateKeys.Where(k => k is not null && k.Name != Data.Source && k.Name != draft.Source), .. draft.Source is null || draft.OrderNumber is null ? [] : new[] { new AlternateKey(draft.Source, draft.OrderNumber) }],
        });
    }
}
