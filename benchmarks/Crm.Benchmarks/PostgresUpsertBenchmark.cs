using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Crm.Customers;
using Crm.Json;
using Crm.Storage.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// Upserting 100,000 new contacts (one email, one phone, an ERP key) into fresh CRM tables in
/// PostgreSQL: the SDK's <c>UpsertManyAsync</c> beside two hand-written baselines on the same
/// tables in one transaction each: binary COPY into temporary staging tables and one
/// <c>INSERT … SELECT … ON CONFLICT</c> per table (what an ERP developer writes for an upsert),
/// and plain binary COPY straight into the tables (the floor: no conflict handling at all).
/// Set <c>CRM_BENCH_POSTGRES</c> to a connection string. Results are per contact.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5, invocationCount: 1)]
[MemoryDiagnoser]
public class PostgresUpsertBenchmark
{
    private const int Total = 100_000;
    private const string ContactColumns = "tenant_id, id, version, created_at, updated_at, lifecycle_stage, first_name, last_name, custom_fields, data";
    private const string PointColumns = "tenant_id, owner_type, owner_id, ordinal, kind, value, label, is_primary";
    private const string KeyColumns = "tenant_id, entity_type, key_name, key_value, record_id";

    private readonly string _connectionString = Environment.GetEnvironmentVariable("CRM_BENCH_POSTGRES")
        ?? throw new InvalidOperationException("Set CRM_BENCH_POSTGRES to a PostgreSQL connection string (bash .ci/postgres start prints one).");

    private string _schema = string.Empty;
    private ServiceProvider? _services;

    [IterationSetup]
    public void FreshTables()
    {
        _services?.Dispose();
        _schema = "bulk_" + Guid.NewGuid().ToString("N")[..8];
        _services = new ServiceCollection()
            .AddCrm(crm => crm.UsePostgreSqlStorage(_connectionString, o => o.Schema = _schema).Configure(o => o.DefaultTenantSettings = new TenantSettings { DefaultPhoneRegion = "DE" }))
            .BuildServiceProvider();
        _services.MigrateCrmStorageAsync().GetAwaiter().GetResult();
    }

    [IterationCleanup]
    public void DropTables()
    {
        using var connection = new NpgsqlConnection(_connectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP SCHEMA \"{_schema}\" CASCADE", connection);
        drop.ExecuteNonQuery();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Total, Description = "Hand-written: binary COPY into staging tables, INSERT ... ON CONFLICT")]
    public async Task CopyStagingOnConflict()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        foreach (var table in new[] { "contacts", "contact_points", "alternate_keys" })
        {
            await ExecuteAsync(connection, $"CREATE TEMP TABLE stage_{table} (LIKE \"{_schema}\".crm_{table} INCLUDING DEFAULTS) ON COMMIT DROP");
        }

        await CopyAsync(connection, "stage_contacts", "stage_contact_points", "stage_alternate_keys");
        await ExecuteAsync(connection, $"""
            INSERT INTO "{_schema}".crm_contacts ({ContactColumns}) SELECT {ContactColumns} FROM stage_contacts
            ON CONFLICT (tenant_id, id) DO UPDATE SET version = crm_contacts.version + 1, updated_at = EXCLUDED.updated_at, lifecycle_stage = EXCLUDED.lifecycle_stage,
              first_name = EXCLUDED.first_name, last_name = EXCLUDED.last_name, custom_fields = EXCLUDED.custom_fields, data = EXCLUDED.data
            """);
        await ExecuteAsync(connection, $"""
            INSERT INTO "{_schema}".crm_contact_points ({PointColumns}) SELECT {PointColumns} FROM stage_contact_points
            ON CONFLICT (tenant_id, owner_type, owner_id, ordinal) DO UPDATE SET kind = EXCLUDED.kind, value = EXCLUDED.value, label = EXCLUDED.label, is_primary = EXCLUDED.is_primary
            """);
        await ExecuteAsync(connection, $"""
            INSERT INTO "{_schema}".crm_alternate_keys ({KeyColumns}) SELECT {KeyColumns} FROM stage_alternate_keys
            ON CONFLICT (tenant_id, entity_type, key_name, key_value) DO UPDATE SET record_id = EXCLUDED.record_id
            """);
        await transaction.CommitAsync();
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "Hand-written: plain binary COPY into the tables")]
    public async Task PlainCopy()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await CopyAsync(connection, $"\"{_schema}\".crm_contacts", $"\"{_schema}\".crm_contact_points", $"\"{_schema}\".crm_alternate_keys");
        await transaction.CommitAsync();
    }

    [Benchmark(OperationsPerInvoke = Total, Description = "Crm SDK: UpsertManyAsync by ERP key")]
    public Task SdkUpsertMany() => BulkContacts.UpsertAsync(_services!, BulkContacts.Drafts(Total));

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    // The same rows as the SDK writes: each contact with its JSON, two contact points and the ERP key.
    private static async Task CopyAsync(NpgsqlConnection connection, string contacts, string points, string keys)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        var records = new ContactData[Total];
        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {contacts} ({ContactColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < Total; i++)
            {
                var data = records[i] = BulkContacts.Record(i, now);
                await writer.StartRowAsync();
                await writer.WriteAsync("bench", NpgsqlDbType.Text);
                await writer.WriteAsync(data.Key, NpgsqlDbType.Uuid);
                await writer.WriteAsync(1L, NpgsqlDbType.Bigint);
                await writer.WriteAsync(now.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync(now.ToDateTimeUtc(), NpgsqlDbType.TimestampTz);
                await writer.WriteAsync("lead", NpgsqlDbType.Text);
                await writer.WriteAsync(data.FirstName!, NpgsqlDbType.Text);
                await writer.WriteAsync(data.LastName!, NpgsqlDbType.Text);
                await writer.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await writer.WriteAsync(JsonSerializer.Serialize(data, CrmJson.Options), NpgsqlDbType.Jsonb);
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {points} ({PointColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var data in records)
            {
                for (var ordinal = 0; ordinal < data.ContactPoints.Count; ordinal++)
                {
                    var point = data.ContactPoints[ordinal];
                    await writer.StartRowAsync();
                    await writer.WriteAsync("bench", NpgsqlDbType.Text);
                    await writer.WriteAsync("contact", NpgsqlDbType.Text);
                    await writer.WriteAsync(data.Key, NpgsqlDbType.Uuid);
                    await writer.WriteAsync(ordinal, NpgsqlDbType.Integer);
                    await writer.WriteAsync(point.Kind == ContactPointKind.Email ? "email" : "phone", NpgsqlDbType.Text);
                    await writer.WriteAsync(point.Value, NpgsqlDbType.Text);
                    await writer.WriteAsync("work", NpgsqlDbType.Text);
                    await writer.WriteAsync(true, NpgsqlDbType.Boolean);
                }
            }

            await writer.CompleteAsync();
        }

        await using (var writer = await connection.BeginBinaryImportAsync($"COPY {keys} ({KeyColumns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var data in records)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync("bench", NpgsqlDbType.Text);
                await writer.WriteAsync("contact", NpgsqlDbType.Text);
                await writer.WriteAsync("erp", NpgsqlDbType.Text);
                await writer.WriteAsync(data.AlternateKeys[0].Value, NpgsqlDbType.Text);
                await writer.WriteAsync(data.Key, NpgsqlDbType.Uuid);
            }

            await writer.CompleteAsync();
        }
    }
}
