using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.EntityFrameworkCore;
using Crm.Storage.Querying;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Keyset pages of 50 over 1,000,000 contacts in SQLite and PostgreSQL: a filtered, sorted query
/// (last name starts with "S", by last name) at page 1 and at page 1,000, and the same sort with a
/// custom field filter (tier = gold, a fifth of the contacts). The contacts are written once per
/// database through the store's bulk path. PostgreSQL runs with its defaults (fsync on); set
/// <c>CRM_BENCH_POSTGRES</c> to a connection string to include it.
/// </summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 3, iterationCount: 20)]
[Config(typeof(PercentileConfig))]
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
    private string? _sqliteFile;

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
        var schema = "bench_" + Guid.NewGuid().ToString("N")[..8];
        _services = new ServiceCollection().AddCrm(crm =>
        {
            if (Database == "SQLite")
            {
                crm.UseSqliteStorage($"Data Source={_sqliteFile}");
            }
            else
            {
                crm.UsePostgreSqlStorage(postgres!, o => o.Schema = schema);
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
        for (var page = 1; page < 1000; page++)
        {
            cursor = (await _sessions.OpenSession(Context).Contacts.QueryAsync(ByName with { Cursor = cursor })).Value!.NextCursor;
        }

        _page1000Cursor = cursor;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services?.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Benchmark(Baseline = true, Description = "Page 1: lastName startsWith S, by lastName")]
    public Task<int> FirstPage() => ReadAsync(ByName);

    [Benchmark(Description = "Page 1,000 of the same query (keyset cursor)")]
    public Task<int> PageThousand() => ReadAsync(ByName with { Cursor = _page1000Cursor });

    [Benchmark(Description = "Page 1: customFields.tier = gold, by lastName")]
    public Task<int> CustomFieldPage() => ReadAsync(ByTier);

    private async Task<int> ReadAsync(RecordQuery query)
    {
        var page = (await _sessions!.OpenSession(Context).Contacts.QueryAsync(query)).Value!;
        return page.Items.Count == PageSize ? page.Items.Count : throw new InvalidOperationException($"A page held {page.Items.Count} contacts.");
    }
}
