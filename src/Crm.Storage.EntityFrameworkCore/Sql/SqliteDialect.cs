using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using NodaTime.Text;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>
/// SQLite: text columns compare with BINARY (UTF-8 byte order = code point order); decimals,
/// instants and dates are stored as <see cref="SortableText"/> so they compare and sort exactly; a
/// write transaction is <c>BEGIN IMMEDIATE</c>, which excludes every other writer.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    public static readonly SqliteDialect Instance = new();

    public override string Name => "SQLite";

    public override int MaxStatementsPerCommand => 8;

    public override bool SupportsSchemas => false;

    public override int StatisticsAfterWrites => 1_000;

    // SQLite has no background analysis; a sampled ANALYZE (1,000 rows an index) costs milliseconds.
    public override string RefreshStatistics(IEnumerable<string> tables) => "PRAGMA analysis_limit = 1000; " + string.Concat(tables.Select(t => $"ANALYZE {t}; "));

    public override string IdType => "TEXT";

    public override string TextType => "TEXT";

    public override string JsonType => "TEXT";

    public override string BigIntType => "INTEGER";

    public override string InstantType => "TEXT";

    public override string BooleanType => "INTEGER";

    public override string True => "1";

    public override string ForUpdate => string.Empty;

    public override string ForUpdateSkipLocked => string.Empty;

    protected override string NumberType => "TEXT";

    protected override string DateType => "TEXT";

    public override DbParameter Parameter(string name, object? value) => new SqliteParameter(name, value ?? DBNull.Value);

    public override DbParameter JsonParameter(string name, string json) => new SqliteParameter(name, json);

    public override object Id(Guid id) => id.ToString("D");

    public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public override object Instant(Instant value) => SortableText.Instant(value);

    public override Instant ReadInstant(DbDataReader reader, int ordinal) => InstantPattern.ExtendedIso.Parse(reader.GetString(ordinal)).Value;

    protected override object Number(decimal value) => SortableText.Number(value);

    public override object Boolean(bool value) => value ? 1L : 0L;

    protected override object Date(LocalDate value) => SortableText.Date(value);

    public override string Binary(string expression) => expression;

    public override string CustomField(string column, string nameParameter) => $"json_extract({column}, {nameParameter})";

    public override object CustomFieldKey(string name) => "$.\"" + name.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    // The lower bound is redundant but lets SQLite seek in an index on the expression instead of scanning it.
    public override string StartsWith(string expression, string parameter) => $"({expression} >= {parameter} AND substr({expression}, 1, length({parameter})) = {parameter})";

    public override object StartsWithValue(string prefix) => prefix;

    // SQLite's NULL is the smallest value: first ascending, last descending, as the SDK's rule says.
    public override string Order(string expression, bool descending) => descending ? expression + " DESC" : expression;

    public override string IdText(string column) => column;

    // json_each yields the array's values; SQLite seeks the index once per value.
    public override string InTexts(SqlText sql, string expression, IEnumerable<string> values) =>
        $"{expression} IN (SELECT value FROM json_each({sql.Add(JsonSerializer.Serialize(values, JsonLists.Default.IEnumerableString))}))";

    public override string InIds(SqlText sql, string expression, IEnumerable<Guid> ids) => InTexts(sql, expression, ids.Select(id => id.ToString("D")));

    // One prepared statement, executed per row: SQLite's fastest insert path (no SQL parsing per row).
    public override Task BulkInsertAsync(DbContext context, string table, string columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Bulk inserts run inside the commit's transaction.");
        }

        SqliteBulkInsert.Run((SqliteConnection)context.Database.GetDbConnection(), table, columns, rows);
        return Task.CompletedTask;
    }

    public override LocalDate ReadDate(DbDataReader reader, int ordinal) => SortableText.ParseDate(reader.GetString(ordinal));

    public override decimal ReadNumber(DbDataReader reader, int ordinal) => SortableText.ParseNumber(reader.GetString(ordinal));

    public override string SumNumbers(string expression) => $"crm_sum_number({expression})";

    // Registered per connection (SQLite functions belong to the connection); registering again replaces them.
    public override async Task PrepareAnalyticsAsync(DbContext context, CancellationToken cancellationToken)
    {
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        connection.CreateAggregate<string?, decimal, string>(
            "crm_sum_number",
            0m,
            static (sum, text) => text is null ? sum : sum + SortableText.ParseNumber(text),
            static sum => SortableText.Number(sum),
            isDeterministic: true);
    }

    public override async Task<IDbContextTransaction> BeginAsync(DbContext context, CancellationToken cancellationToken) =>
        // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for a deferred transaction: the write lock is taken now, not at the first write.
        await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
}
