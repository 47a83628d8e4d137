using Crm.Storage.Specification;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>The whole specification kit against PostgreSQL: a new schema per test (which also exercises configurable names).</summary>
public sealed class PostgresStoreSpecification : StoreSpecification
{
    private string? _schema;

    protected override async ValueTask<ICrmStore> CreateStoreAsync(IClock clock)
    {
        var (store, schema) = await TestDatabases.NewPostgresStoreAsync(clock);
        _schema = schema;
        return store;
    }

    protected override async ValueTask DisposeStoreAsync(ICrmStore store)
    {
        if (_schema is not null)
        {
            await TestDatabases.DropSchemaAsync(TestDatabases.RequirePostgres(), _schema);
        }
    }
}
