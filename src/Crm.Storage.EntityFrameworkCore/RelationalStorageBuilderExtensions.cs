using Crm.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>Registers the relational stores. Apply the schema at start-up with <see cref="MigrateCrmStorageAsync"/> (or <see cref="RelationalCrmStore.MigrateAsync"/>).</summary>
public static class RelationalStorageBuilderExtensions
{
    /// <summary>Keeps the CRM in a SQLite database file (the embedded default for one process, desktop and edge hosts).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">A Microsoft.Data.Sqlite connection string naming a file, e.g. <c>Data Source=crm.db</c>.</param>
    /// <param name="configure">Changes the table names (prefix).</param>
    /// <returns>The builder.</returns>
    public static CrmBuilder UseSqliteStorage(this CrmBuilder builder, string connectionString, Action<RelationalStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return Use(builder, "SQLite", configure, (clock, options) => RelationalCrmStore.ForSqlite(connectionString, clock, options));
    }

    /// <summary>Keeps the CRM in PostgreSQL (many app servers sharing one store, often the ERP's own database).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Changes the schema and table names.</param>
    /// <returns>The builder.</returns>
    public static CrmBuilder UsePostgreSqlStorage(this CrmBuilder builder, string connectionString, Action<RelationalStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return Use(builder, "PostgreSQL", configure, (clock, options) => RelationalCrmStore.ForPostgreSql(connectionString, clock, options));
    }

    /// <summary>Applies the CRM's pending migrations to the registered relational store (a no-op when the schema is current).</summary>
    /// <param name="services">The built service provider.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>A task.</returns>
    /// <exception cref="InvalidOperationException">The registered store is not a relational one.</exception>
    public static Task MigrateCrmStorageAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var store = services.GetRequiredService<ICrmStore>() as RelationalCrmStore
            ?? throw new InvalidOperationException("The CRM's store is not a relational one: register it with UseSqliteStorage(...) or UsePostgreSqlStorage(...).");
        return store.MigrateAsync(cancellationToken);
    }

    private static CrmBuilder Use(CrmBuilder builder, string name, Action<RelationalStoreOptions>? configure, Func<IClock, RelationalStoreOptions, RelationalCrmStore> create)
    {
        var options = new RelationalStoreOptions();
        configure?.Invoke(options);
        options.Validate();
        builder.UseStorage(name, sp => sp.GetRequiredService<RelationalCrmStore>());
        builder.Services.RemoveAll<RelationalCrmStore>();
        builder.Services.AddSingleton(sp => create(sp.GetRequiredService<IClock>(), options));
        return builder;
    }
}
