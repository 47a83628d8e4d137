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
        return OnBothDatabases(rules);
    }

    private static TheoryData<JsonSqlDialect, string> OnBothDatabases(IEnumerable<string> rules)
    {
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
        var rows = await databases.SelectAsync(dialect, rule.ToJsonSql(dialect, "doc", context), "tricky");
        Assert.Subset(rows.Select(r => r.Id).ToHashSet(), expected.ToHashSet());
    }

    /// <summary>
    /// Seeded documents whose dates and instants are valid, nearly valid and not at all: every shape
    /// the ISO patterns read or refuse near the edges (leap days, day 31, hour 24, second 60, nine and
    /// ten fraction digits, ',' for '.', lower-case z, offsets, years 0000, -9998 and -9999, five-digit
    /// years), and values of other JSON types.
    /// </summary>
    public static IReadOnlyList<string> DateDocuments { get; } = MakeDateDocuments();

    // PostgreSQL's jsonb cannot hold a NUL character.
    private static IReadOnlyList<string> DateDocumentsOf(JsonSqlDialect dialect) =>
        dialect == JsonSqlDialect.Sqlite ? DateDocuments : [.. DateDocuments.Where(d => !d.Contains("\\u0000", StringComparison.Ordinal))];

    private static List<string> MakeDateDocuments()
    {
        var random = new Random(20261127);
        string[] dates = ["2000-02-29", "2001-02-29", "1900-02-29", "2024-02-29", "2024-04-31", "2024-04-30", "2024-12-31", "2024-13-01", "2024-00-10", "2024-01-00",
            "0000-01-01", "0000-02-29", "-0000-06-01", "-0001-12-31", "-9998-01-01", "-9999-12-31", "9999-12-31", "10000-01-01", "1999-12-31", "1970-01-01", "2024-1-01", "2024-01-1",
            "2024/01/01", " 2024-01-01", "2024-01-01 ", "2024-01-01T00:00:00Z", "+2024-01-01", "２０２４-01-01"];
        string[] times = ["01:00:00", "00:59:59", "23:59:59", "24:00:00", "24:00:00", "24:00:01", "12:60:00", "12:00:60", "1:00:00", "01:00"];
        string[] fractions = ["", ".5", ",5", ".000000000", ".123456789", ".1234567891", ".", ",", ".50", ".5000", ":5"];
        string[] ends = ["Z", "Z", "Z", "z", "+00:00", "", "ZZ"];
        var documents = new List<string>();
        for (var i = 0; i < 1_500; i++)
        {
            var date = random.Next(3) == 0 ? dates[random.Next(dates.Length)] : RandomDate(random);
            var instant = $"{(random.Next(4) == 0 ? dates[random.Next(dates.Length)] : random.Next(2) == 0 ? "2026-03-29" : RandomDate(random))}T{(random.Next(3) == 0 ? times[random.Next(times.Length)] : $"{random.Next(24):D2}:{random.Next(60):D2}:{random.Next(60):D2}")}{fractions[random.Next(fractions.Length)]}{ends[random.Next(ends.Length)]}";
            if (random.Next(8) == 0)
            {
                // One character changed, dropped or doubled.
                var position = random.Next(instant.Length);
                instant = random.Next(3) switch
                {
                    0 => instant.Remove(position, 1).Insert(position, "0-:T.Z9"[random.Next(7)].ToString()),
                    1 => instant.Remove(position, 1),
                    _ => instant.Insert(position, instant[position].ToString()),
                };
            }

            string Value(string text) => random.Next(20) switch
            {
                0 => "null",
                1 => "20240101",
                2 => "[\"2024-01-01\"]",
                _ => JsonSerializer.Serialize(text),
            };

            documents.Add($$"""{"id":"d{{i}}","birthday":{{Value(date)}},"lastPurchaseAt":{{Value(instant)}}}""");
        }

        // Hour 24 is the next midnight where the fraction is zero; SQLite text with a NUL character.
        string[] corners = ["2024-01-01T24:00:00Z", "2026-03-28T24:00:00.000Z", "2026-03-28T24:00:00,000000000Z", "2026-03-28T24:00:00.000000001Z", "-0001-12-31T24:00:00Z",
            "9999-12-31T24:00:00Z", "-0000-06-01T00:00:00Z", "2026-03-29T01:00:00Z\\u0000x"];
        documents.AddRange(corners.Select((instant, i) => $$"""{"id":"c{{i}}","birthday":"{{(i == 0 ? "2024-01-01\\u0000x" : "-0000-06-01")}}","lastPurchaseAt":"{{instant}}"}"""));

        return documents;
    }

    private static string RandomDate(Random random) => $"{random.Next(4) switch { 0 => random.Next(10_000), 1 => 1999 + random.Next(3), _ => 2024 + random.Next(3) }:D4}-{1 + random.Next(12):D2}-{1 + random.Next(31):D2}";

    public static TheoryData<JsonSqlDialect, string> DateRules()
    {
        string[] rules =
        [
            "birthday < date(\"2000-02-29\")",
            "birthday >= date(\"0000-01-01\")",
            "birthday = date(\"2024-02-29\")",
            "birthday != date(\"1999-12-31\")",
            "birthday > date(\"9999-12-30\")",
            "birthday <= date(\"2025-06-15\")",
            "birthday is null",
            "not (birthday > date(\"2025-01-01\"))",
            "lastPurchaseAt > instant(\"2026-03-29T01:00:00Z\")",
            "lastPurchaseAt <= instant(\"2026-03-29T01:00:00.5Z\")",
            "lastPurchaseAt = instant(\"2026-03-29T12:00:00.123456789Z\")",
            "lastPurchaseAt != instant(\"2026-03-29T01:00:00Z\")",
            "lastPurchaseAt >= now() - days(90)",
            "lastPurchaseAt < instant(\"0001-01-01T00:00:00Z\")",
            "lastPurchaseAt is not null and birthday < date(\"2024-06-01\")",
            "birthday > date(\"2024-02-28\") or lastPurchaseAt < instant(\"2026-03-29T00:00:00Z\")",
        ];
        return OnBothDatabases(rules);
    }

    // Dates and instants are compared as text in the database: every match and every record error
    // (text the evaluator does not read as a date or instant) must come back, and nothing else but
    // what the translation cannot judge.
    [Theory]
    [MemberData(nameof(DateRules))]
    public async Task Dates_and_instants_select_the_matches_and_the_record_errors(JsonSqlDialect dialect, string text)
    {
        var rule = Rule.Parse(text).Compile(ConformanceCase.Schema);
        var context = new RuleEvaluationContext(NodaTime.Instant.FromUtc(2026, 6, 1, 12, 0));
        var expected = DateDocumentsOf(dialect)
            .Select(d => JsonDocument.Parse(d).RootElement)
            .Where(d => rule.Evaluate(d, context) is var result && (result.Matched || result.Error is not null))
            .Select(d => d.GetProperty("id").GetString()!)
            .Order(StringComparer.Ordinal)
            .ToList();
        var sql = rule.ToJsonSql(dialect, "doc", context);
        Assert.NotEqual("1 = 1", sql.Where);
        var rows = (await databases.SelectAsync(dialect, sql, "dates")).ToDictionary(r => r.Id, r => r.Document);
        Assert.Subset(rows.Keys.ToHashSet(), expected.ToHashSet());

        // Beyond the matches and errors only what the translation says it cannot judge: the hour 24
        // of an instant, and on SQLite text with a NUL character.
        var extra = rows.Where(r => !expected.Contains(r.Key)).ToList();
        Assert.All(extra, r => Assert.True(
            (text.Contains("lastPurchaseAt", StringComparison.Ordinal) && r.Value.Contains("T24:", StringComparison.Ordinal))
            || (dialect == JsonSqlDialect.Sqlite && r.Value.Contains("\\u0000", StringComparison.Ordinal)),
            r.Value));
        Assert.Equal(!text.Contains("lastPurchaseAt", StringComparison.Ordinal), sql.Exact);
    }

    [Theory]
    [InlineData(JsonSqlDialect.Sqlite, 21, 18)]
    [InlineData(JsonSqlDialect.PostgreSql, 22, 22)]
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

        public async Task<List<(string Id, string Document)>> SelectAsync(JsonSqlDialect dialect, RuleSql sql, string table = "records")
        {
            await _lock.WaitAsync();
            try
            {
                var connection = dialect == JsonSqlDialect.Sqlite ? await SqliteAsync() : await PostgresAsync();
                await using var command = connection.CreateCommand();
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
                await FillAsync(_sqlite, "dates", "TEXT", "@doc", DateDocumentsOf(JsonSqlDialect.Sqlite));
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
                await FillAsync(connection, $"\"{_schema}\".dates", "jsonb", "CAST(@doc AS jsonb)", DateDocumentsOf(JsonSqlDialect.PostgreSql));
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
