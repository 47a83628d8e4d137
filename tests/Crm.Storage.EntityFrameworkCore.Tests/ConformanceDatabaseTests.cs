using System.Data.Common;
using System.Text.Json;
using Crm.Rules;
using Crm.Rules.Tests;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// Every rule conformance case on SQLite and PostgreSQL: the records are JSON documents in a table
/// (text on SQLite, jsonb on PostgreSQL), the rule's pushed condition (<see cref="CompiledRule.ToJsonSql"/>)
/// selects rows in the database, and the rule runs over the documents as the database returns them.
/// Matches and record errors must be the case's; where the translation says it is exact, the
/// database must have returned nothing else, so a construct marked pushable cannot quietly be left
/// to the re-check.
/// </summary>
public sealed class ConformanceDatabaseTests(ConformanceDatabaseTests.Databases databases) : IClassFixture<ConformanceDatabaseTests.Databases>
{
    public static TheoryData<JsonSqlDialect, string> Cases()
    {
        var data = new TheoryData<JsonSqlDialect, string>();
        foreach (var dialect in new[] { JsonSqlDialect.Sqlite, JsonSqlDialect.PostgreSql })
        {
            foreach (var @case in ConformanceCase.All)
            {
                data.Add(dialect, @case.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task On_the_database(JsonSqlDialect dialect, string name)
    {
        var @case = ConformanceCase.Named(name);
        if (@case.CompileOrExpectError() is not { } compiled)
        {
            return;
        }

        var context = @case.Context;
        var sql = compiled.ToJsonSql(dialect, "doc", context);
        var rows = await databases.SelectAsync(dialect, sql);
        var documents = rows.Select(r => (r.Id, JsonDocument.Parse(r.Document))).ToList();
        var (matched, errors) = ConformanceCase.Run(compiled, context, documents.Select(d => (d.Id, d.Item2.RootElement)));
        documents.ForEach(d => d.Item2.Dispose());
        @case.AssertOutcome(matched, errors);

        if (sql.Exact)
        {
            Assert.Equal(matched.Concat(errors.Keys).Order(StringComparer.Ordinal), rows.Select(r => r.Id).Order(StringComparer.Ordinal));
        }
    }

    /// <summary>Documents that reach the corners of the translation: each must come back wherever the evaluator matches it or reports its error.</summary>
    public static readonly string[] Tricky =
    [
        """{"id":"t1","tier":"B","lastPurchaseAt":"yesterday"}""",
        """{"id":"t2","tier":"A","lastPurchaseAt":"yesterday"}""",
        """{"id":"t3","custom":5}""",
        """{"id":"t4","custom":[1]}""",
        """{"id":"t5","totalSpend":1e30}""",
        """{"id":"t6","totalSpend":1000.0000000000000000000000000001}""",
        """{"id":"t7","totalSpend":1e-29}""",
        """{"id":"t8","tier":"A","name":5}""",
        """{"id":"t9","tags":[null]}""",
        """{"id":"t10","tags":["vip",7]}""",
        """{"id":"t11","tier":"Z","active":"yes"}""",
        """{"id":"t12","address":"Berlin","tier":"A"}""",
        """{"id":"t13","totalSpend":-0.0000000000000000000000000001,"active":true}""",
    ];

    public static TheoryData<JsonSqlDialect, string> TrickyRules()
    {
        string[] rules =
        [
            "lastPurchaseAt > now() - days(90) and tier = \"A\"",
            "tier = \"A\" and lastPurchaseAt > now() - days(90)",
            "custom.industry = \"pharma\"",
            "custom.industry is not null",
            "not (custom.employees > 5)",
            "totalSpend < 100",
            "totalSpend <= 1000",
            "totalSpend > 1000",
            "totalSpend <= 0",
            "totalSpend = 0",
            "tier = \"B\" and name = \"x\"",
            "not (tier = \"A\" or name = \"x\")",
            "tags contains \"vip\"",
            "not (tags contains \"vip\")",
            "tier in [\"A\", \"B\"] or active",
            "address.city is null and tier = \"A\"",
            "active != true",
        ];
        var data = new TheoryData<JsonSqlDialect, string>();
        foreach (var dialect in new[] { JsonSqlDialect.Sqlite, JsonSqlDialect.PostgreSql })
        {
            foreach (var rule in rules)
            {
                data.Add(dialect, rule);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(TrickyRules))]
    public async Task The_database_returns_every_match_and_every_record_error(JsonSqlDialect dialect, string text)
    {
        var rule = Rule.Parse(text).Compile(ConformanceCase.Schema);
        var context = new RuleEvaluationContext(NodaTime.Instant.FromUtc(2026, 11, 27, 12, 0));
        var documents = Tricky.Concat(File.ReadLines(ConformanceCase.DataPath).Where(l => l.Length > 0)).ToList();
        var expected = documents
            .Select(d => JsonDocument.Parse(d).RootElement)
            .Where(d => rule.Evaluate(d, context) is var result && (result.Matched || result.Error is not null))
            .Select(d => d.GetProperty("id").GetString()!)
            .ToList();
        var rows = await databases.SelectAsync(dialect, rule.ToJsonSql(dialect, "doc", context), tricky: true);
        Assert.Subset(rows.Select(r => r.Id).ToHashSet(), expected.ToHashSet());
    }

    [Theory]
    [InlineData(JsonSqlDialect.Sqlite, 20, 18)]
    [InlineData(JsonSqlDialect.PostgreSql, 21, 22)]
    public void Most_cases_push_down(JsonSqlDialect dialect, int pushedAtLeast, int exactAtLeast)
    {
        var translated = ConformanceCase.All
            .Where(c => c.Error is null)
            .Select(c => Rule.Parse(c.Rule).Compile(ConformanceCase.Schema).ToJsonSql(dialect, "doc", c.Context))
            .ToList();
        Assert.True(translated.Count(s => s.Where != "1 = 1") >= pushedAtLeast, $"{translated.Count(s => s.Where != "1 = 1")} of {translated.Count} cases pushed");
        Assert.True(translated.Count(s => s.Exact) >= exactAtLeast, $"{translated.Count(s => s.Exact)} of {translated.Count} cases exact");
    }

    /// <summary>The conformance records in a SQLite file and in a PostgreSQL schema, made once for the class.</summary>
    public sealed class Databases : IAsyncDisposable
    {
        private readonly SemaphoreSlim _lock = new(1, 1);
        private SqliteConnection? _sqlite;
        private NpgsqlConnection? _postgres;
        private string? _schema;

        public async Task<List<(string Id, string Document)>> SelectAsync(JsonSqlDialect dialect, RuleSql sql, bool tricky = false)
        {
            await _lock.WaitAsync();
            try
            {
                var connection = dialect == JsonSqlDialect.Sqlite ? await SqliteAsync() : await PostgresAsync();
                await using var command = connection.CreateCommand();
                var table = tricky ? "tricky" : "records";
                command.CommandText = $"SELECT id, doc FROM {(dialect == JsonSqlDialect.Sqlite ? table : $"\"{_schema}\".{table}")} WHERE {sql.Where} ORDER BY ord";
                foreach (var (name, value) in sql.Parameters)
                {
                    command.Parameters.Add(dialect == JsonSqlDialect.Sqlite ? new SqliteParameter(name, value) : new NpgsqlParameter(name, value));
                }

                var rows = new List<(string, string)>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    rows.Add((reader.GetString(0), reader.GetString(1)));
                }

                return rows;
            }
            finally
            {
                _lock.Release();
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_sqlite is not null)
            {
                await _sqlite.DisposeAsync();
            }

            if (_postgres is not null)
            {
                await _postgres.DisposeAsync();
                await TestDatabases.DropSchemaAsync(TestDatabases.RequirePostgres(), _schema!);
            }

            _lock.Dispose();
        }

        private async Task<DbConnection> SqliteAsync()
        {
            if (_sqlite is null)
            {
                _sqlite = new SqliteConnection(TestDatabases.NewSqliteFile());
                await _sqlite.OpenAsync();
                await FillAsync(_sqlite, "records", "TEXT", "@doc", ConformanceLines);
                await FillAsync(_sqlite, "tricky", "TEXT", "@doc", [.. Tricky, .. ConformanceLines]);
            }

            return _sqlite;
        }

        private async Task<DbConnection> PostgresAsync()
        {
            if (_postgres is null)
            {
                var connection = new NpgsqlConnection(TestDatabases.RequirePostgres());
                await connection.OpenAsync();
                _schema = TestDatabases.NewSchema();
                await using (var create = new NpgsqlCommand($"CREATE SCHEMA \"{_schema}\"", connection))
                {
                    await create.ExecuteNonQueryAsync();
                }

                await FillAsync(connection, $"\"{_schema}\".records", "jsonb", "CAST(@doc AS jsonb)", ConformanceLines);
                await FillAsync(connection, $"\"{_schema}\".tricky", "jsonb", "CAST(@doc AS jsonb)", [.. Tricky, .. ConformanceLines]);
                _postgres = connection;
            }

            return _postgres;
        }

        private static IReadOnlyList<string> ConformanceLines => [.. File.ReadLines(ConformanceCase.DataPath).Where(l => l.Length > 0)];

        private static async Task FillAsync(DbConnection connection, string table, string documentType, string document, IReadOnlyList<string> lines)
        {
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = $"CREATE TABLE {table} (ord INTEGER NOT NULL, id TEXT NOT NULL, doc {documentType} NOT NULL)";
                await create.ExecuteNonQueryAsync();
            }

            var ord = 0;
            foreach (var line in lines)
            {
                await using var insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO {table} (ord, id, doc) VALUES (@ord, @id, {document})";
                var id = JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!;
                foreach (var (name, value) in new (string, object)[] { ("@ord", ord++), ("@id", id), ("@doc", line) })
                {
                    var parameter = insert.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    insert.Parameters.Add(parameter);
                }

                await insert.ExecuteNonQueryAsync();
            }
        }
    }
}
