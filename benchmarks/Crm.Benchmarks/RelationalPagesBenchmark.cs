using System.Data.Common;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Json;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.EntityFrameworkCore;
using Crm.Storage.Querying;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Keyset pages of 50 over 1,000,000 contacts in SQLite and PostgreSQL: a filtered, sorted query
/// (last name starts with "S", by last name) at page 1 and at page 1,000, and the same sort with a
/// custom field filter (tier = gold, a fifth of the contacts). The contacts are written once per
/// database through the store's bulk path. Each query runs beside a hand-written baseline: the same
/// page as one SQL statement on an open connection, its JSON read into the SDK's records.
/// PostgreSQL runs with its defaults (fsync on); set <c>CRM_BENCH_POSTGRES</c> to a connection
/// string to include it.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 20)]
[Config(typeof(PercentileConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[CategoriesColumn]
[MemoryDiagnoser]
public class RelationalPagesBenchmark
{
    private const int Total = 1_000_000;
    private const int PageSize = 50;
    private static readonly TenantId Tenant = new("bench");
    private static readonly OperationContext Context = OperationContext.ForSystem(Tenant);

    private ServiceProvider? _services;
    private ICrmSessionFactory? _sessions;
    private string? _page1000Cursor;
    private (string LastName, Guid Id) _page1000After;
    private string? _sqliteFile;
    private string _schema = string.Empty;
    private DbConnection? _connection;

    /// <summary>The databases to run (<c>CRM_BENCH_DATABASES</c>, comma-separated; both by default).</summary>
    public static IEnumerable<string> Databases => (Environment.GetEnvironmentVariable("CRM_BENCH_DATABASES") ?? "SQLite,PostgreSQL").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    [ParamsSource(nameof(Databases))]
    public string Database { get; set; } = "SQLite";

    private static RecordQuery ByName => new() { Filter = Filter.StartsWith("lastName", "S"), Sort = [SortKey.Ascending("lastName")], PageSize = PageSize };

    private static RecordQuery ByTier => new() { Filter = Filter.Equal("customFields.tier", "gold"), Sort = [SortKey.Ascending("lastName")], PageSize = PageSize };

    [GlobalSetup]
    public async Task Seed()
    {
        var postgres = Environment.GetEnvironmentVariable("CRM_BENCH_POSTGRES");
        if (Database == "PostgreSQL" && postgres is null)
        {
            throw new InvalidOperationException("Set CRM_BENCH_POSTGRES to a PostgreSQL connection string (bash .ci/postgres start prints one).");
        }

        _sqliteFile = Path.Combine(Path.GetTempPath(), $"crm-pages-{Guid.NewGuid():N}.db");
        _schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
        _services = new ServiceCollection().AddCrm(crm =>
        {
            if (Database == "SQLite")
            {
                crm.UseSqliteStorage($"Data Source={_sqliteFile}");
            }
            else
            {
                crm.UsePostgreSqlStorage(postgres!, o => o.Schema = _schema);
            }

            crm.AddCustomFields(Tenant, new CustomFieldSchema(EntityTypes.Contact, [new CustomFieldDefinition { Name = "tier", Type = CustomFieldType.Choice, Choices = ["gold", "silver", "bronze", "iron", "none"] }]));
        }).BuildServiceProvider();
        await _services.MigrateCrmStorageAsync();
        var store = _services.GetRequiredService<ICrmStore>();
        var now = SystemClock.Instance.GetCurrentInstant();
        string[] tiers = ["gold", "silver", "bronze", "iron", "none"];
        string[] initials = ["S", "M", "B", "K", "W", "H"];
        for (var batch = 0; batch < Total / 10_000; batch++)
        {
            var writes = new StagedWrite[10_000];
            for (var i = 0; i < writes.Length; i++)
            {
                var n = (batch * 10_000) + i;
                var data = new ContactData
                {
                    Id = ContactId.FromGuid(Guid.CreateVersion7()),
                    TenantId = Tenant,
                    Version = 1,
                    CreatedAt = now,
                    UpdatedAt = now,
                    FirstName = "Anna",
                    LastName = $"{initials[n % initials.Length]}chmidt {n:D7}",
                    ContactPoints = [ContactPoint.Email($"c{n}@example.com", primary: true)],
                    CustomFields = System.Collections.Immutable.ImmutableSortedDictionary<string, ScalarValue>.Empty.WithComparers(StringComparer.Ordinal).Add("tier", tiers[n % tiers.Length]),
                };
                writes[i] = new StagedWrite(WriteKind.Insert, data.Ref, 0, data);
            }

            var result = await store.CommitAsync(Context, new CommitRequest(writes, [], null, now), CancellationToken.None);
            if (!result.Committed)
            {
                throw new InvalidOperationException("Seeding failed.");
            }
        }

        _sessions = _services.GetRequiredService<ICrmSessionFactory>();
        var cursor = (string?)null;
        Contact? last = null;
        for (var page = 1; page < 1000; page++)
        {
            var result = (await _sessions.OpenSession(Context).Contacts.QueryAsync(ByName with { Cursor = cursor })).Value!;
            cursor = result.NextCursor;
            last = result.Items[^1];
        }

        _page1000Cursor = cursor;
        _page1000After = (last!.Data.LastName!, last.Id.Value);
        _connection = Database == "SQLite" ? new SqliteConnection($"Data Source={_sqliteFile}") : new NpgsqlConnection(postgres);
        await _connection.OpenAsync();
        await CheckSameAsync(ByName, FirstPageByHand);
        await CheckSameAsync(ByName with { Cursor = _page1000Cursor }, PageThousandByHand);
        await CheckSameAsync(ByTier, CustomFieldPageByHand);
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
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable("CRM_BENCH_POSTGRES"));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA \"{_schema}\" CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    [BenchmarkCategory("page 1"), Benchmark(Baseline = true, Description = "Hand-written SQL: page 1, lastName starts with S")]
    public Task<List<ContactData>> FirstPageByHand() => HandWrittenAsync(
        $"SELECT data FROM {Table} WHERE tenant_id = @t AND {StartsWithS} ORDER BY {OrderBy} LIMIT {PageSize + 1}");

    [BenchmarkCategory("page 1"), Benchmark(Description = "SDK: page 1, lastName startsWith S, by lastName")]
    public Task<IReadOnlyList<Contact>> FirstPage() => ReadAsync(ByName);

    [BenchmarkCategory("page 1,000"), Benchmark(Baseline = true, Description = "Hand-written SQL: page 1,000 after (lastName, id)")]
    public Task<List<ContactData>> PageThousandByHand() => HandWrittenAsync(
        $"SELECT data FROM {Table} WHERE tenant_id = @t AND {LastName} < 'T' AND ({LastName}, id) > (@last, @id) ORDER BY {OrderBy} LIMIT {PageSize + 1}");

    [BenchmarkCategory("page 1,000"), Benchmark(Description = "SDK: page 1,000 of the same query (keyset cursor)")]
    public Task<IReadOnlyList<Contact>> PageThousand() => ReadAsync(ByName with { Cursor = _page1000Cursor });

    [BenchmarkCategory("custom field"), Benchmark(Baseline = true, Description = "Hand-written SQL: page 1, custom field tier = gold")]
    public Task<List<ContactData>> CustomFieldPageByHand() => HandWrittenAsync(
        $"SELECT data FROM {Table} WHERE tenant_id = @t AND {TierIsGold} ORDER BY {OrderBy} LIMIT {PageSize + 1}");

    [BenchmarkCategory("custom field"), Benchmark(Description = "SDK: page 1, customFields.tier = gold, by lastName")]
    public Task<IReadOnlyList<Contact>> CustomFieldPage() => ReadAsync(ByTier);

    private bool IsSqlite => Database == "SQLite";

    private string Table => IsSqlite ? "crm_contacts" : $"\"{_schema}\".crm_contacts";

    private string LastName => IsSqlite ? "last_name" : "last_name COLLATE \"C\"";

    // Nulls first, as the SDK's ordering rules and its indexes have them (PostgreSQL's default is nulls last).
    private string OrderBy => IsSqlite ? "last_name, id" : "last_name COLLATE \"C\" NULLS FIRST, id";

    // What a developer writes for a prefix over an index on a binary-ordered column: a range.
    private string StartsWithS => $"{LastName} >= 'S' AND {LastName} < 'T'";

    // Custom fields are stored tagged with their kind ('a' is text), as docs/relational-storage.md describes.
    private string TierIsGold => IsSqlite ? "json_extract(custom_fields, '$.tier') = 'agold'" : "custom_fields @> '{\"tier\": \"agold\"}'";

    private async Task<IReadOnlyList<Contact>> ReadAsync(RecordQuery query)
    {
        var page = (await _sessions!.OpenSession(Context).Contacts.QueryAsync(query)).Value!;
        return page.Items.Count == PageSize ? page.Items : throw new InvalidOperationException($"A page held {page.Items.Count} contacts.");
    }

    private async Task<List<ContactData>> HandWrittenAsync(string sql)
    {
        await using var command = _connection!.CreateCommand();
        command.CommandText = sql;
        Add(command, "@t", Tenant.Value!);
        Add(command, "@last", _page1000After.LastName);
        Add(command, "@id", IsSqlite ? _page1000After.Id.ToString("D") : _page1000After.Id);
        var contacts = new List<ContactData>(PageSize + 1);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            contacts.Add(JsonSerializer.Deserialize<ContactData>(reader.GetString(0), CrmJson.Options)!);
        }

        // The extra row only says whether another page follows.
        if (contacts.Count > PageSize)
        {
            contacts.RemoveAt(PageSize);
        }

        return contacts;
    }

    private async Task CheckSameAsync(RecordQuery query, Func<Task<List<ContactData>>> byHand)
    {
        var sdk = await ReadAsync(query);
        var hand = await byHand();
        if (!sdk.Select(c => c.Id).SequenceEqual(hand.Select(c => c.Id)))
        {
            throw new InvalidOperationException($"The hand-written page differs from the SDK's for {query.Filter}.");
        }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
