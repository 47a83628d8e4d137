using Crm.Customers;
using Crm.Storage.InMemory;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>The stores the cross-store tests run against.</summary>
public enum StoreKind
{
    InMemory,
    Sqlite,
    Postgres,
}

/// <summary>One store of a kind for one test (in memory, a SQLite file, or a PostgreSQL schema dropped on dispose).</summary>
internal sealed class TestStore : IAsyncDisposable
{
    private readonly string? _schema;

    private TestStore(ICrmStore store, IClock clock, string? schema)
    {
        Store = store;
        Clock = clock;
        _schema = schema;
    }

    public ICrmStore Store { get; }

    public IClock Clock { get; }

    public static async Task<TestStore> CreateAsync(StoreKind kind, IClock clock)
    {
        switch (kind)
        {
            case StoreKind.InMemory:
                return new TestStore(new InMemoryCrmStore(clock), clock, null);
            case StoreKind.Sqlite:
                return new TestStore(await TestDatabases.NewSqliteStoreAsync(clock), clock, null);
            default:
                var (store, schema) = await TestDatabases.NewPostgresStoreAsync(clock);
                return new TestStore(store, clock, schema);
        }
    }

    /// <summary>Inserts records (of one tenant) in one commit.</summary>
    public async Task WriteAsync(IEnumerable<AggregateData> records)
    {
        var writes = records.Select(r => new StagedWrite(WriteKind.Insert, r.Ref, 0, r)).ToList();
        var result = await Store.CommitAsync(OperationContext.ForSystem(writes[0].Data!.TenantId), new CommitRequest(writes, [], null, Clock.GetCurrentInstant()), TestContext.Current.CancellationToken);
        Assert.True(result.Committed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await TestDatabases.DropSchemaAsync(TestDatabases.RequirePostgres(), _schema);
        }
    }
}
