
namespace Crm.Segmentation;

/// <summary>
/// RFM scores and A/B/C tiers of accounts over a store's purchase history. A store that can run
/// them as set operations in its database implements this interface itself (the relational store
/// does: it groups, ranks and sums purchases in SQL and returns one row per account, never the
/// purchases); <see cref="CustomerValue.For"/> falls back to reading the purchases and scoring them
/// in memory for any other store. Both give the same results (a differential test holds them to it).
/// </summary>
public interface ICustomerValueQueries
{
    /// <summary>
    /// Scores every account with at least one purchase of the tenant (purchases without an account
    /// are left out). Bins as <see cref="Rfm.Score{TKey}"/>; recency in days to
    /// <see cref="RfmOptions.AsOf"/>.
    /// </summary>
    /// <param name="context">The operation context: the tenant.</param>
    /// <param name="currency">The analysis' currency (ISO 4217).</param>
    /// <param name="options">As-of day, bins and weights.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One score per account, in account id order.</returns>
    /// <exception cref="InvalidOperationException">A purchase with an account is in another currency; the message names one.</exception>
    Task<IReadOnlyList<RfmScore<AccountId>>> ScoreAccountsAsync(OperationContext context, string currency, RfmOptions options, CancellationToken cancellationToken = default);

    /// <summary>
    /// Assigns every account with at least one purchase of the tenant a tier, as
    /// <see cref="Tiers.Assign{TKey}(IEnumerable{CustomerPurchase{TKey}}, TierOptions)"/> does, except that equal revenues rank by account id (UUID
    /// byte order) so every store breaks ties alike.
    /// </summary>
    /// <param name="context">The operation context: the tenant.</param>
    /// <param name="currency">The analysis' currency (ISO 4217).</param>
    /// <param name="options">Where A and B end; 80/15/5 when null.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>One assignment per account, highest revenue first.</returns>
    /// <exception cref="InvalidOperationException">A purchase with an account is in another currency; the message names one.</exception>
    Task<IReadOnlyList<TierAssignment<AccountId>>> AssignAccountTiersAsync(OperationContext context, string currency, TierOptions? options = null, CancellationToken cancellationToken = default);
}
