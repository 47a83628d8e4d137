using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Purchases;
using Crm.Segmentation;
using Crm.Storage;
using Crm.Storage.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Npgsql;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// RFM scores and A/B/C tiers in SQLite and PostgreSQL for 1,000,000 accounts over 2,000,000
/// purchases holding 10,000,000 lines, as set operations in the database (one row per account comes
/// back). Baseline in the same run: the bare pass a hand-written query needs at least, grouping the
/// purchases by account (last day, count) and reading the 1,000,000 rows. The purchases are written
/// once through the store's bulk path and kept between runs (a SQLite file and a PostgreSQL schema
/// named below); delete them to reseed. Set <c>CRM_BENCH_POSTGRES</c> to include PostgreSQL.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
[MemoryDiagnoser]
public class RelationalRfmBenchmark
{
    private const int Accounts = 1_000_000;
    private const int PurchasesPerAccount = 2;
    private const string Schema = "bench_rfm";
    private static readonly string SqliteFile = Path.Combine(Path.GetTempPath(), "crm-bench-rfm.db");
    private static readonly LocalDate AsOf = new(2026, 11, 26);
    private static readonly OperationContext Context = OperationContext.ForSystem(new TenantId("bench"));

    private RelationalCrmStore? _store;
    private string _connectionString = string.Empty;

    /// <summary>The databases to run (<c>CRM_BENCH_DATABASES</c>, comma-separated; both by default).</summary>
    public static IEnumerable<string> Databases => RelationalPagesBenchmark.Databases;

    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "SQLite";

    [GlobalSetup]
    public async Task Seed()
    {
        if (Database == "SQLite")
        {
            _connectionString = $"Data Source={SqliteFile}";
            _store = RelationalCrmStore.ForSqlite(_connectionString, SystemClock.Instance);
        }
        else
        {
            _connectionString = Environment.GetEnvironmentVariable("CRM_BENCH_POSTGRES")
                ?? throw new InvalidOperationException("Set CRM_BENCH_POSTGRES to a PostgreSQL connection string (bash .ci/postgres start prints one).");
            _store = RelationalCrmStore.ForPostgreSql(_connectionString, SystemClock.Instance, new RelationalStoreOptions { Schema = Schema });
        }

        await _store.MigrateAsync();
        var stored = await ((IRecordQueryable<PurchaseData>)_store.Records<PurchaseData>()).CountAsync(Context, null, CancellationToken.None);
        if (stored != Accounts * PurchasesPerAccount)
        {
            await WriteAsync(_store, stored);
        }

        var groups = await GroupByHand();
        if (groups != Accounts)
        {
            throw new InvalidOperationException($"{groups} accounts have purchases, not {Accounts}.");
        }

        var scores = await Score();
        var tiers = await AssignTiers();
        if (scores.Count != Accounts || tiers.Count != Accounts || tiers[0].Tier != CustomerTier.A || tiers[^1].Tier != CustomerTier.C)
        {
            throw new InvalidOperationException("The analyses returned a wrong number of accounts or tiers.");
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written SQL: group purchases by account (last day, count), read the rows")]
    public async Task<int> GroupByHand()
    {
        var table = Database == "SQLite" ? "crm_purchases" : $"\"{Schema}\".crm_purchases";
        await using var connection = Database == "SQLite" ? (System.Data.Common.DbConnection)new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT account_id, MAX(ordered_on), COUNT(*) FROM {table} WHERE tenant_id = 'bench' AND account_id IS NOT NULL GROUP BY account_id";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            _ = reader.GetString(0);
            rows++;
        }

        return rows;
    }

    [Benchmark(Description = "SDK: RFM scores in the database (ScoreAccountsAsync)")]
    public Task<IReadOnlyList<RfmScore<AccountId>>> Score() => _store!.ScoreAccountsAsync(Context, "EUR", new RfmOptions { AsOf = AsOf });

    [Benchmark(Description = "SDK: A/B/C tiers in the database (AssignAccountTiersAsync)")]
    public Task<IReadOnlyList<TierAssignment<AccountId>>> AssignTiers() => _store!.AssignAccountTiersAsync(Context, "EUR");

    private static async Task WriteAsync(RelationalCrmStore store, long stored)
    {
        if (stored != 0)
        {
            throw new InvalidOperationException($"The benchmark database holds {stored} purchases, not {Accounts * PurchasesPerAccount}: delete {SqliteFile} or drop the schema {Schema} to reseed.");
        }

        var random = new Random(7);
        var now = SystemClock.Instance.GetCurrentInstant();
        var accounts = Enumerable.Range(0, Accounts).Select(_ => AccountId.FromGuid(Guid.CreateVersion7())).ToArray();
        const int Batch = 20_000;
        for (var start = 0; start < Accounts * PurchasesPerAccount; start += Batch)
        {
            var writes = new StagedWrite[Batch];
            for (var b = 0; b < Batch; b++)
            {
                var data = GeneratedPurchases.Create(start + b, accounts[(start + b) % Accounts], Context.Tenant, AsOf, now, random);
                writes[b] = new StagedWrite(WriteKind.Insert, data.Ref, 0, data);
            }

            var result = await store.CommitAsync(Context, new CommitRequest(writes, [], null, now), CancellationToken.None);
            if (!result.Committed)
            {
                throw new InvalidOperationException("Seeding failed.");
            }
        }
    }
}
