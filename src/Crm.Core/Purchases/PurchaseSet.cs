using Crm.Sessions;

namespace Crm.Purchases;

/// <summary>The purchase history of a session: ERP orders upserted by their keys.</summary>
public sealed class PurchaseSet : AggregateSet<Purchase, PurchaseData, PurchaseId>
{
    internal PurchaseSet(CrmSession session)
        : base(session)
    {
    }

    /// <summary>
    /// Records what the ERP reports: a new order is created, a known one (same <see cref="PurchaseDraft.Source"/>
    /// and <see cref="PurchaseDraft.OrderNumber"/>) is replaced when it differs and left alone when
    /// it does not, so sending the same order twice writes it once. The change is written by
    /// <see cref="CrmSession.CommitAsync"/>; two sessions creating the same new order concurrently
    /// commit once, the other gets <see cref="CrmErrorCodes.DuplicateKey"/> and finds it unchanged on retry.
    /// </summary>
    /// <param name="draft">The ERP's data.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The purchase and what the upsert did.</returns>
    public async Task<PurchaseUpsert> UpsertAsync(PurchaseDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Source);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.OrderNumber);
        var existing = await FindByAlternateKeyAsync(draft.Source, draft.OrderNumber, cancellationToken).ConfigureAwait(false)
            ?? Tracked.FirstOrDefault(p => p.IsNew && p.Data.Source == draft.Source && p.Data.OrderNumber == draft.OrderNumber);
        if (existing is null)
        {
            var purchase = Purchase.Create(PurchaseId.FromGuid(Session.NewId()), Session.Context.Tenant, draft, Session.Now);
            Add(purchase);
            return new PurchaseUpsert(purchase, PurchaseUpsertOutcome.Created);
        }

        if (existing.Matches(draft))
        {
            return new PurchaseUpsert(existing, PurchaseUpsertOutcome.Unchanged);
        }

        existing.Replace(draft);
        return new PurchaseUpsert(existing, PurchaseUpsertOutcome.Updated);
    }

    /// <inheritdoc />
    protected override Purchase Wrap(PurchaseData data) => new(data);
}
