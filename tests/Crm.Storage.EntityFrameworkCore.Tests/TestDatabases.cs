using Npgsql;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// Where the tests' databases come from. SQLite: a new file per test in a temporary directory (WAL
/// mode, so concurrency is real). PostgreSQL: the server named by <c>CRM_TEST_POSTGRES</c> (a
/// connection string; <c>.ci/run</c> starts a private cluster and sets it), one new schema per test.
/// Without it the PostgreSQL tests are skipped on a developer machine and fail under <c>CI=true</c>.
/// </summary>
internal static class TestDatabases
{
    public const string PostgresVariable = "CRM_TEST_POSTGRES";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "crm-tests-" + Environment.ProcessId);

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>A new SQLite database file's connection string.</summary>
    public static string NewSqliteFile()
    {
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, Guid.NewGuid().ToString("N") + ".db");
        return $"Data Source={path};Pooling=True;Default Timeout=60";
    }

    /// <summary>The PostgreSQL connection string, or skips (developer machine) / fails (CI) without one.</summary>
    public static string RequirePostgres()
    {
        if (PostgresConnectionString is { } connectionString)
        {
            return connectionString;
        }

        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail($"CI=true but {PostgresVariable} is not set: .ci/run must start PostgreSQL and export its connection string; the PostgreSQL tests cannot be skipped in CI.");
        }

        Assert.Skip($"PostgreSQL tests need a server: set {PostgresVariable} to a connection string (bash .ci/postgres start prints one).");
        return null!;
    }

    /// <summary>A fresh schema name for one test.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>Drops a test's schema.</summary>
    public static async Task DropSchemaAsync(string connectionString, string schema)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A migrated SQLite store on a new file.</summary>
    public static async Task<RelationalCrmStore> NewSqliteStoreAsync(IClock clock, RelationalStoreOptions? options = null, IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>? interceptors = null)
    {
        var store = RelationalCrmStore.ForSqlite(NewSqliteFile(), clock, options, interceptors);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>A migrated PostgreSQL store in a new schema; returns the schema to drop.</summary>
    public static async Task<(RelationalCrmStore Store, string Schema)> NewPostgresStoreAsync(IClock clock, IEnumerable<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>? interceptors = null)
    {
        var schema = NewSchema();
        var store = RelationalCrmStore.ForPostgreSql(RequirePostgres(), clock, new RelationalStoreOptions { Schema = schema }, interceptors);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return (store, schema);
    }
}
