using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>The relational store tests on SQLite files.</summary>
public sealed class SqliteRelationalStoreTests : RelationalStoreTests
{
    private readonly string _connectionString = TestDatabases.NewSqliteFile();
    private string? _lastConnectionString;

    protected override async Task<RelationalCrmStore> CreateStoreAsync(RelationalStoreOptions? options, IEnumerable<IInterceptor> interceptors)
    {
        _lastConnectionString = options is null ? _connectionString : TestDatabases.NewSqliteFile();
        var store = RelationalCrmStore.ForSqlite(_lastConnectionString, Clock, options, interceptors);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    protected override async Task<DbConnection> OpenHostConnectionAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    protected override string HostTable(string name) => $"\"{name}\"";

    protected override async Task<IReadOnlyList<string>> ListTablesAsync(RelationalStoreOptions options)
    {
        await using var connection = new SqliteConnection(_lastConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}

/// <summary>The relational store tests on PostgreSQL, each in its own schema.</summary>
public sealed class PostgresRelationalStoreTests : RelationalStoreTests
{
    private readonly List<string> _schemas = [];
    private string _schema = string.Empty;

    protected override async Task<RelationalCrmStore> CreateStoreAsync(RelationalStoreOptions? options, IEnumerable<IInterceptor> interceptors)
    {
        options ??= new RelationalStoreOptions { Schema = TestDatabases.NewSchema() };
        if (_schemas.Count == 0)
        {
            _schema = options.Schema!;
        }

        _schemas.Add(options.Schema!);
        var store = RelationalCrmStore.ForPostgreSql(TestDatabases.RequirePostgres(), Clock, options, interceptors);
        await store.MigrateAsync(TestContext.Current.CancellationToken);
        return store;
    }

    protected override async Task<DbConnection> OpenHostConnectionAsync()
    {
        var connection = new NpgsqlConnection(TestDatabases.RequirePostgres());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }

    protected override string HostTable(string name) => $"\"{_schema}\".\"{name}\"";

    [Fact]
    public async Task Joining_a_snapshot_transaction_is_refused_with_what_to_do()
    {
        await using var connection = await OpenHostConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, TestContext.Current.CancellationToken);
        var error = Assert.Throws<ArgumentException>(() => Store.WithTransaction(transaction));
        Assert.Contains("ReadCommitted", error.Message, StringComparison.Ordinal);
    }

    protected override async Task<IReadOnlyList<string>> ListTablesAsync(RelationalStoreOptions options)
    {
        await using var connection = new NpgsqlConnection(TestDatabases.RequirePostgres());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = @s", connection);
        command.Parameters.AddWithValue("s", options.Schema!);
        var names = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var schema in _schemas)
        {
            await TestDatabases.DropSchemaAsync(TestDatabases.RequirePostgres(), schema);
        }
    }
}
