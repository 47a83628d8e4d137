using System.Data.Common;
using Crm.Segmentation;
using Crm.Storage.EntityFrameworkCore.Sql;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// RFM and tiers as set operations in the database: purchases are grouped per account with exact
/// sums, ranked with <c>RANK()</c> (RFM) or ordered by revenue (tiers) in one statement each; one
/// row per account comes back, never a purchase. What is left to C# is per returned row: the days
/// between two dates, the running revenue sum, and the score and tier decision, which call the same
/// functions (<see cref="RfmOptions.Combine"/>, <see cref="TierOptions.TierOf"/>) as the in-memory
/// analyses so both agree.
/// </summary>
internal sealed class RelationalCustomerValueQueries(RelationalCrmStore store) : ICustomerValueQueries
{
    /// <summary>How long one analytic statement may run.</summary>
    public static readonly TimeSpan AnalyticsTimeout = TimeSpan.FromMinutes(15);

    public async Task<IReadOnlyList<RfmScore<AccountId>>> ScoreAccountsAsync(OperationContext context, string currency, RfmOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var dialect = store.Setup.Dialect;
        var (sql, tenant) = Start(context, currency, out var foreign);

        // RANK() - 1 counts the accounts strictly worse: an older last purchase, fewer orders, less
        // spent. No final ORDER BY: sorting a million rows by id costs the database more than C#.
        sql.Append($"""
            WITH c AS (
              SELECT p.account_id AS customer, MAX(p.ordered_on) AS last_on, COUNT(*) AS orders, {dialect.SumNumbers("p.total")} AS amount, {foreign} AS foreign_count
              FROM {store.Setup.Names.Of("purchases")} p
              WHERE p.tenant_id = {tenant} AND p.account_id IS NOT NULL
              GROUP BY p.account_id)
            SELECT c.customer, c.last_on, c.orders, c.amount, c.foreign_count,
              RANK() OVER (ORDER BY c.last_on) - 1, RANK() OVER (ORDER BY c.orders) - 1, RANK() OVER (ORDER BY c.amount) - 1
            FROM c
            """);
        var rows = await RunAsync(sql, reader => (
            Customer: Account(reader),
            LastOn: dialect.ReadDate(reader, 1),
            Orders: checked((int)reader.GetInt64(2)),
            Amount: dialect.ReadNumber(reader, 3),
            Foreign: reader.GetInt64(4),
            Worse: (R: reader.GetInt64(5), F: reader.GetInt64(6), M: reader.GetInt64(7))), cancellationToken).ConfigureAwait(false);
        await RefuseForeignAsync(context, currency, rows.Exists(r => r.Foreign > 0), cancellationToken).ConfigureAwait(false);
        rows.Sort((a, b) => a.Customer.CompareTo(b.Customer));
        var scores = new RfmScore<AccountId>[rows.Count];
        for (var i = 0; i < scores.Length; i++)
        {
            var row = rows[i];
            var (r, f, m) = (options.BinOf(row.Worse.R, rows.Count), options.BinOf(row.Worse.F, rows.Count), options.BinOf(row.Worse.M, rows.Count));
            scores[i] = new RfmScore<AccountId>(row.Customer, Period.DaysBetween(row.LastOn, options.AsOf), row.Orders, row.Amount, r, f, m, options.Combine(r, f, m));
        }

        return scores;
    }

    public async Task<IReadOnlyList<TierAssignment<AccountId>>> AssignAccountTiersAsync(OperationContext context, string currency, TierOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new TierOptions();
        options.Validate();
        var dialect = store.Setup.Dialect;
        var (sql, tenant) = Start(context, currency, out var foreign);

        // Highest revenue first, equal revenues by account id (on SQLite the revenue is the exact sum as
        // order-preserving text). The running sums are added up in C# over the ordered rows: exact
        // decimals, where SQLite's window SUM would add doubles or overflow 64-bit integers.
        sql.Append($"""
            SELECT p.account_id AS customer, {dialect.SumNumbers("p.total")} AS revenue, {foreign} AS foreign_count
            FROM {store.Setup.Names.Of("purchases")} p
            WHERE p.tenant_id = {tenant} AND p.account_id IS NOT NULL
            GROUP BY p.account_id
            ORDER BY revenue DESC, customer
            """);
        var rows = await RunAsync(sql, reader => (Customer: Account(reader), Revenue: dialect.ReadNumber(reader, 1), Foreign: reader.GetInt64(2)), cancellationToken).ConfigureAwait(false);
        await RefuseForeignAsync(context, currency, rows.Exists(r => r.Foreign > 0), cancellationToken).ConfigureAwait(false);
        var total = 0m;
        foreach (var row in rows)
        {
            total += Math.Max(0m, row.Revenue);
        }

        var tiers = new TierAssignment<AccountId>[rows.Count];
        var above = 0m;
        for (var i = 0; i < tiers.Length; i++)
        {
            var (customer, revenue, _) = rows[i];
            var tier = options.TierOf(revenue, above, total);
            above += Math.Max(0m, revenue);
            tiers[i] = new TierAssignment<AccountId>(customer, revenue, TierOptions.ShareOf(above, total), tier);
        }

        return tiers;
    }

    // account_id is the text query field accountId on both databases; its text order is the UUID byte order.
    private static AccountId Account(DbDataReader reader) => AccountId.Parse(reader.GetString(0));

    private (SqlText Text, string Tenant) Start(OperationContext context, string currency, out string foreign)
    {
        ArgumentException.ThrowIfNullOrEmpty(currency);
        var sql = new SqlText(store.Setup.Dialect);
        var tenant = sql.Add(RelationalCrmStore.TenantOf(context));

        // Counted in the same pass, so a wrong currency costs no second scan when there is none.
        foreign = $"SUM(CASE WHEN p.currency <> {sql.Add(currency)} THEN 1 ELSE 0 END)";
        return (sql, tenant);
    }

    private async Task<List<T>> RunAsync<T>(SqlText sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            // One statement over every purchase of a tenant: minutes, not the OLTP default of 30 seconds.
            db.Database.SetCommandTimeout(AnalyticsTimeout);
            await store.Setup.Dialect.PrepareAnalyticsAsync(db, cancellationToken).ConfigureAwait(false);
            return await Commands.ListAsync(db, sql, read, cancellationToken).ConfigureAwait(false);
        }
    }

    // Names one purchase in another currency, as the in-memory path does.
    private async Task RefuseForeignAsync(OperationContext context, string currency, bool any, CancellationToken cancellationToken)
    {
        if (!any)
        {
            return;
        }

        var sql = new SqlText(store.Setup.Dialect);
        sql.Append($"""
            SELECT p.id, p.source, p.order_number, p.currency FROM {store.Setup.Names.Of("purchases")} p
            WHERE p.tenant_id = {sql.Add(RelationalCrmStore.TenantOf(context))} AND p.account_id IS NOT NULL AND p.currency <> {sql.Add(currency)}
            ORDER BY p.id LIMIT 1
            """);
        var dialect = store.Setup.Dialect;
        var found = await RunAsync(sql, r => $"Purchase {dialect.ReadId(r, 0)} ({r.GetString(1)} {r.GetString(2)}) is in {r.GetString(3)}, not {currency}; convert it or leave it out.", cancellationToken).ConfigureAwait(false);
        throw new InvalidOperationException(found[0]);
    }
}
