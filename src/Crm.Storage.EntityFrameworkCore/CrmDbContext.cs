using Microsoft.EntityFrameworkCore;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// The EF Core context the store runs its statements through (so EF's connection handling,
/// transactions, logging and interceptors apply) and that owns the CRM's migrations. The store
/// writes its own SQL: the model has no entity types.
/// </summary>
internal abstract class CrmDbContext(DbContextOptions options, StoreSetup setup) : DbContext(options)
{
    /// <summary>The dialect and names of the store that opened the context.</summary>
    public StoreSetup Setup { get; } = setup;
}

/// <summary>The SQLite context; its migrations are the SQLite ones.</summary>
internal sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options, StoreSetup setup) : CrmDbContext(options, setup);

/// <summary>The PostgreSQL context; its migrations are the PostgreSQL ones.</summary>
internal sealed class PostgresCrmDbContext(DbContextOptions<PostgresCrmDbContext> options, StoreSetup setup) : CrmDbContext(options, setup);
