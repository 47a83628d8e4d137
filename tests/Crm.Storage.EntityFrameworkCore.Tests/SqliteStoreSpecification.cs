using Crm.Storage.Specification;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>The whole specification kit against SQLite: a new database file per test, WAL mode, real connections.</summary>
public sealed class SqliteStoreSpecification : StoreSpecification
{
    protected override async ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => await TestDatabases.NewSqliteStoreAsync(clock);
}
