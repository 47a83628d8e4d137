using System.Data.Common;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Customers;
using Crm.Json;
using Crm.Purchases;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.EntityFrameworkCore;
using Crm.Timeline;
using Crm.Views;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// The 360 view of an account on SQLite and PostgreSQL: 2,000 customers shaped as in
/// <see cref="CustomerViewBenchmark"/> (5 contacts, 200 activities, 40 orders each), each read
/// round-robin over 256 of them. The baseline is hand-written SQL sent as one batch over the same
/// tables and indexes (the account, its contacts, 20 newest activities, open tasks, the activity
/// count and the orders), its JSON read into the same records and assembled into the same
/// <see cref="AccountView"/>. Set <c>CRM_BENCH_POSTGRES</c> for PostgreSQL;
/// <c>CRM_BENCH_DATABASES</c> picks the databases.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 15)]
[Config(typeof(PercentileConfig))]
[MemoryDiagnoser]
public class RelationalViewBenchmark
{
    private const int Customers = 2_000;
    private static readonly TenantId Tenant = BulkContacts.Tenant;
    private static readonly OperationContext Context = OperationContext.ForSystem(Tenant);

    private ServiceProvider? _services;
    private ICrmSessionFactory? _sessions;
    private RelationalCrmStore? _store;
    private AccountId[] _targets = [];
    private string? _sqliteFile;
    private string _schema = string.Empty;
    private string _connectionString = string.Empty;
    private DbConnection? _connection;
    private int _next;

    /// <summary>The databases to run.</summary>
    public static IEnumerable<string> Databases => RelationalPagesBenchmark.Databases;

    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "SQLite";

    [GlobalSetup]
    public async Task Seed()
    {
        _sqliteFile = Path.Combine(Path.GetTempPath(), $"crm-views-{Guid.NewGuid():N}.db");
        _schema = "views_" + Guid.NewGuid().ToString("N")[..8];
        var postgres = Environment.GetEnvironmentVariable("CRM_BENCH_POSTGRES");
        _connectionString = Database == "SQLite" ? $"Data Source={_sqliteFile}"
            : postgres ?? throw new InvalidOperationException("Set CRM_BENCH_POSTGRES to a PostgreSQL connection string (bash .ci/postgres start prints one).");
        _services = new ServiceCollection().AddCrm(crm =>
        {
            if (Database == "SQLite")
            {
                crm.UseSqliteStorage(_connectionString);
            }
            else
            {
                crm.UsePostgreSqlStorage(_connectionString, o => o.Schema = _schema);
            }
        }).BuildServiceProvider();
        await _services.MigrateCrmStorageAsync();
        _store = _services.GetRequiredService<RelationalCrmStore>();
        _sessions = _services.GetRequiredService<ICrmSessionFactory>();
        var ids = new ClockIdGenerator(SystemClock.Instance);
        var now = SystemClock.Instance.GetCurrentInstant().ToMicroseconds();
        var targets = new List<AccountId>();
        for (var c = 0; c < Customers; c += 50)
        {
            var writes = new List<StagedWrite>();
            for (var k = c; k < c + 50; k++)
            {
                var customer = SeededCustomer.Build(k, Tenant, ids, now);
                writes.AddRange(customer.Writes());
                if (k % (Customers / 256) == 0 && targets.Count < 256)
                {
                    targets.Add(customer.Account.Id);
                }
            }

            if (!(await _store.CommitAsync(Context, new CommitRequest(writes, [], null, now), CancellationToken.None)).Committed)
            {
                throw new InvalidOperationException("Seeding failed.");
            }
        }

        _targets = [.. targets];
        _connection = Database == "SQLite" ? new SqliteConnection(_connectionString) : new NpgsqlConnection(_connectionString);
        await _connection.OpenAsync();
        var sdk = (await _sessions.OpenSession(Context).Views.GetAccountViewAsync(_targets[0]))!;
        var byHand = await HandWrittenAsync(_targets[0]);
        if (sdk.Contacts.Count != SeededCustomer.ContactCount || sdk.Totals.ActivityCount != SeededCustomer.ActivityCount
            || !sdk.RecentActivities.Select(a => a.Id).SequenceEqual(byHand.RecentActivities.Select(a => a.Id))
            || !sdk.OpenTasks.Select(a => a.Id).SequenceEqual(byHand.OpenTasks.Select(a => a.Id))
            || !sdk.RecentPurchaseLines.SequenceEqual(byHand.RecentPurchaseLines)
            || !sdk.Totals.LifetimeRevenue.SequenceEqual(byHand.Totals.LifetimeRevenue) || sdk.Totals.PurchaseCount != byHand.Totals.PurchaseCount)
        {
            throw new InvalidOperationException("The hand-written view differs from the SDK's.");
        }
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        _services?.Dispose();
        SqliteConnection.ClearAllPools();
        if (Database == "SQLite" && _sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
        else if (Database != "SQLite")
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA \"{_schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written SQL, one batch")]
    public Task<AccountView> HandWritten() => HandWrittenAsync(_targets[_next++ & 255]);

    [Benchmark(Description = "SDK: session.Views.GetAccountViewAsync")]
    public async Task<AccountView> Sdk() => (await _sessions!.OpenSession(Context).Views.GetAccountViewAsync(_targets[_next++ & 255]))!;

    private string Table(string name) => Database == "SQLite" ? $"crm_{name}" : $"\"{_schema}\".crm_{name}";

    private async Task<AccountView> HandWrittenAsync(AccountId target)
    {
        var values = Table("record_values");
        var sql = $"""
            SELECT data FROM {Table("accounts")} WHERE tenant_id = @t AND id = @a;
            SELECT c.data FROM {Table("contacts")} c WHERE c.tenant_id = @t AND c.id IN (SELECT v.record_id FROM {values} v WHERE v.tenant_id = @t AND v.entity_type = 'contact' AND v.field = 'accountIds' AND v.value = @key) ORDER BY c.last_name, c.first_name, c.id LIMIT 100;
            SELECT a.data FROM {Table("activities")} a WHERE a.tenant_id = @t AND a.id IN (SELECT v.record_id FROM {values} v WHERE v.tenant_id = @t AND v.entity_type = 'activity' AND v.field = 'records' AND v.value = @ref) ORDER BY a.occurred_at DESC, a.id LIMIT 20;
            SELECT a.data FROM {Table("activities")} a WHERE a.tenant_id = @t AND a.id IN (SELECT v.record_id FROM {values} v WHERE v.tenant_id = @t AND v.entity_type = 'activity' AND v.field = 'openTaskRecords' AND v.value = @ref) ORDER BY a.due_at, a.id LIMIT 20;
            SELECT COUNT(*) FROM {values} v WHERE v.tenant_id = @t AND v.entity_type = 'activity' AND v.field = 'records' AND v.value = @ref;
            SELECT data FROM {Table("purchases")} WHERE tenant_id = @t AND account_id = @key ORDER BY ordered_on DESC, id;
            """;
        await using var command = _connection!.CreateCommand();
        command.CommandText = sql;
        Add(command, "@t", Tenant.Value!);
        Add(command, "@a", Database == "SQLite" ? target.Value.ToString("D") : target.Value);
        Add(command, "@key", target.ToString());
        Add(command, "@ref", new RecordRef(EntityTypes.Account, target.Value).ToString());
        await using var reader = await command.ExecuteReaderAsync();
        var account = (await ReadAsync<AccountData>(reader))[0];
        var contacts = await ReadNextAsync<ContactData>(reader);
        var recent = await ReadNextAsync<ActivityData>(reader);
        var tasks = await ReadNextAsync<ActivityData>(reader);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var activityCount = Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
        var purchases = await ReadNextAsync<PurchaseData>(reader);

        var lines = new List<PurchaseLineEntry>(CustomerViews.RecentCount);
        var revenue = new SortedDictionary<string, Money>(StringComparer.Ordinal);
        foreach (var purchase in purchases)
        {
            var code = purchase.Total.Currency.Code!;
            revenue[code] = revenue.TryGetValue(code, out var sum) ? sum + purchase.Total : purchase.Total;
            for (var i = 0; i < purchase.Lines.Count && lines.Count < CustomerViews.RecentCount; i++)
            {
                lines.Add(new PurchaseLineEntry(purchase.Id, purchase.Source, purchase.OrderNumber, purchase.OrderedOn, purchase.Lines[i]));
            }
        }

        return new AccountView
        {
            Account = account,
            Contacts = [.. contacts.Select(c => new LinkedContact(c, c.RolesAt(target), c.AccountId == target))],
            ContactCount = contacts.Count,
            RecentActivities = recent,
            RecentPurchaseLines = lines,
            OpenTasks = tasks,
            Consent = [new ChannelConsentSummary(ContactChannel.Email, contacts.Count(c => c.Consents.Any(x => x.Channel == ContactChannel.Email && x.Status == ConsentStatus.Granted)), 0, 0, 0)],
            Totals = new CustomerTotals([.. revenue.Values], purchases.Count > 0 ? purchases[0].OrderedOn : null, purchases.Count, activityCount, tasks.Count),
            AsOf = SystemClock.Instance.GetCurrentInstant(),
        };
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task<List<T>> ReadNextAsync<T>(DbDataReader reader)
    {
        await reader.NextResultAsync();
        return await ReadAsync<T>(reader);
    }

    private static async Task<List<T>> ReadAsync<T>(DbDataReader reader)
    {
        var records = new List<T>();
        while (await reader.ReadAsync())
        {
            records.Add(JsonSerializer.Deserialize<T>(reader.GetString(0), CrmJson.Options)!);
        }

        return records;
    }
}
