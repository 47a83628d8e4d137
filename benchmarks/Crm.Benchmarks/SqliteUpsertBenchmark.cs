using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Customers;
using Crm.Json;
using Crm.Sessions;
using Crm.Sessions.Bulk;
using Crm.Storage;
using Crm.Storage.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Upserting 100,000 new contacts (one email, one phone, an ERP key) into a fresh SQLite file:
/// the SDK's <c>UpsertManyAsync</c> (batch lookup of the keys, normalisation, validation, events,
/// change feed, outbox, one transaction) beside a hand-written baseline of raw Microsoft.Data.Sqlite
/// prepared inserts into the same tables (contact rows with their JSON, contact points, alternate
/// keys) in one transaction. Results are per contact.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3, invocationCount: 1)]
[MemoryDiagnoser]
public class SqliteUpsertBenchmark
{
    private const int Total = 100_000;

    private string _file = string.Empty;
    private ServiceProvider? _services;
    private RelationalCrmStore? _store;

    [IterationSetup]
    public void FreshDatabase()
    {
        _services?.Dispose();
        _file = Path.Combine(Path.GetTempPath(), $"crm-bench-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={_file}";
        _services = new ServiceCollection()
            .AddCrm(crm => crm.UseSqliteStorage(connectionString).Configure(o => o.DefaultTenantSettings = new TenantSettings { DefaultPhoneRegion = "DE" }))
            .BuildServiceProvider();
        _store = _services.GetRequiredService<RelationalCrmStore>();
        _store.MigrateAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void DeleteDatabase()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _file, _file + "-wal", _file + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Total, Description = "Raw Microsoft.Data.Sqlite prepared inserts, one transaction")]
    public void RawPreparedInserts()
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        using var connection = new SqliteConnection($"Data Source={_file}");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        using var contact = Prepare(connection, transaction, "INSERT INTO crm_contacts (tenant_id, id, version, owner_id, created_at, updated_at, lifecycle_stage, first_name, last_name, custom_fields, data) VALUES ($t, $id, 1, NULL, $c, $c, 'lead', $f, $l, '{}', $d)", "$t", "$id", "$c", "$f", "$l", "$d");
        using var point = Prepare(connection, transaction, "INSERT INTO crm_contact_points (tenant_id, owner_type, owner_id, ordinal, kind, value, label, is_primary) VALUES ($t, 'contact', $id, $o, $k, $v, 'work', 1)", "$t", "$id", "$o", "$k", "$v");
        using var key = Prepare(connection, transaction, "INSERT INTO crm_alternate_keys (tenant_id, entity_type, key_name, key_value, record_id) VALUES ($t, 'contact', 'erp', $v, $id)", "$t", "$v", "$id");
        var created = now.ToString("uuuu'-'MM'-'dd'T'HH':'mm':'ss.ffffff'Z'", null);
        for (var i = 0; i < Total; i++)
        {
            var data = BulkContacts.Record(i, now);
            var id = data.Key.ToString("D");
            Run(contact, "bench", id, created, "Anna", data.LastName!, JsonSerializer.Serialize(data, CrmJson.Options));
            Run(point, "bench", id, 0, "email", data.ContactPoints[0].Value);
            Run(point, "bench", id, 1, "phone", data.ContactPoints[1].Value);
            Run(key, "bench", $"K-{i}", id);
        }

        transaction.Commit();
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "Crm SDK: UpsertManyAsync by ERP key")]
    public Task SdkUpsertMany() => BulkContacts.UpsertAsync(_services!, BulkContacts.Drafts(Total));

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter(name, null));
        }

        command.Prepare();
        return command;
    }

    private static void Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }
}
