namespace Crm.Purchases;

/// <summary>What an upsert did to a purchase (written on commit).</summary>
public enum PurchaseUpsertOutcome
{
    /// <summary>The ERP order was new: a purchase will be inserted.</summary>
    Created,

    /// <summary>The stored purchase differed: it will be replaced (version + 1).</summary>
    Updated,

    /// <summary>The stored purchase already says the same: nothing will be written.</summary>
    Unchanged,
}

/// <summary>The purchase an upsert created or found, and what it did.</summary>
/// <param name="Purchase">The purchase (tracked by the session).</param>
/// <param name="Outcome">What the upsert did.</param>
public sealed record PurchaseUpsert(Purchase Purchase, PurchaseUpsertOutcome Outcome);
