using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// The EF Core context the store runs its statements through (so EF's connection handling,
/// transactions, logging and interceptors apply) and that owns the CRM's migrations. The store
/// writes its own SQL: the model has no entity types. The store's own contexts are pooled (a read
/// of a few rows would otherwise spend a fifth of its time setting a context up), so the setup
/// travels in the options rather than the constructor.
/// </summary>
internal abstract class CrmDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The dialect and names of the store that opened the context.</summary>
    public StoreSetup Setup { get; } = options.FindExtension<SetupExtension>()?.Setup
        ?? throw new InvalidOperationException("The context's options carry no CRM store setup.");

    /// <summary>Adds the store's setup to a context's options.</summary>
    public static void UseSetup(DbContextOptionsBuilder builder, StoreSetup setup) =>
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new SetupExtension(setup));

    private sealed class SetupExtension(StoreSetup setup) : IDbContextOptionsExtension
    {
        public StoreSetup Setup => setup;

        public DbContextOptionsExtensionInfo Info => new SetupInfo(this);

        public void ApplyServices(IServiceCollection services)
        {
        }

        public void Validate(IDbContextOptions options)
        {
        }

        // The setup adds no services, so every store shares EF's internal service provider.
        private sealed class SetupInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
        {
            public override bool IsDatabaseProvider => false;

            public override string LogFragment => string.Empty;

            public override int GetServiceProviderHashCode() => 0;

            public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is SetupInfo;

            public override void PopulateDebugInfo(IDictionary<string, string> debugInfo)
            {
            }
        }
    }
}

/// <summary>The SQLite context; its migrations are the SQLite ones.</summary>
internal sealed class SqliteCrmDbContext(DbContextOptions<SqliteCrmDbContext> options) : CrmDbContext(options);

/// <summary>The PostgreSQL context; its migrations are the PostgreSQL ones.</summary>
internal sealed class PostgresCrmDbContext(DbContextOptions<PostgresCrmDbContext> options) : CrmDbContext(options);
