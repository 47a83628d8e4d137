using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>
/// PostgreSQL: text columns use the "C" collation (byte order), ids are <c>uuid</c> (byte order =
/// the SDK's id order), instants <c>timestamptz</c>, money and numbers <c>numeric</c>, custom fields
/// <c>jsonb</c>. A commit locks its tenant's head row, which serialises the tenant's commits
/// across servers while other tenants commit in parallel.
/// </summary>
internal sealed class PostgresDialect : SqlDialect
{
    public static readonly PostgresDialect Instance = new();

    public override string Name => "PostgreSQL";

    public override int MaxStatementsPerCommand => 500;

    public override bool SupportsSchemas => true;

    public override string IdType => "uuid";

    public override string TextType => "text COLLATE \"C\"";

    public override string JsonType => "jsonb";

    public override string BigIntType => "bigint";

    public override string InstantType => "timestamptz";

    public override string BooleanType => "boolean";

    public override string True => "true";

    public override string ForUpdate => " FOR UPDATE";

    public override string ForUpdateSkipLocked => " FOR UPDATE SKIP LOCKED";

    protected override string NumberType => "numeric";

    protected override string DateType => "date";

    public override DbParameter Parameter(string name, object? value) => new NpgsqlParameter(name, value ?? DBNull.Value);

    public override DbParameter JsonParameter(string name, string json) => new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = json };

    public override object Id(Guid id) => id;

    // Autovacuum analyses changed tables too, but up to a minute later; a bulk import is queried at once.
    public override int StatisticsAfterWrites => 10_000;

    // A small sample (3,000 rows a table) is enough to tell a selective index from a scan; autovacuum
    // later refreshes the statistics with the server's own target. SET LOCAL ends with the commit's
    // transaction, so a host's session setting is left alone.
    public override string RefreshStatistics(IEnumerable<string> tables) => "SET LOCAL default_statistics_target = 10; ANALYZE " + string.Join(", ", tables) + ";";

    public override string InTexts(SqlText sql, string expression, IEnumerable<string> values) =>
        $"{expression} = ANY({sql.Add(values.ToArray())})";

    public override string InIds(SqlText sql, string expression, IEnumerable<Guid> ids) =>
        $"{expression} = ANY({sql.Add(ids.ToArray())})";

    public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override LocalDate ReadDate(DbDataReader reader, int ordinal) => LocalDate.FromDateOnly(reader.GetFieldValue<DateOnly>(ordinal));

    public override decimal ReadNumber(DbDataReader reader, int ordinal) => reader.GetDecimal(ordinal);

    public override string SumNumbers(string expression) => $"SUM({expression})";


    // Grouping a million accounts and ranking them three times needs more than the default 4 MB of
    // work memory per sort, or PostgreSQL spills every sort to disk. SET LOCAL ends with the store's
    // own read transaction; inside a host's transaction the host's settings stay untouched.
    public override async Task PrepareAnalyticsAsync(DbContext context, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is not null || context.Database.GetDbConnection().State == System.Data.ConnectionState.Open)
        {
            return;
        }

        await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await context.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '256MB'", cancellationToken).ConfigureAwait(false);
    }

    public override object Instant(Instant value) => value.ToDateTimeUtc();

    public override Instant ReadInstant(DbDataReader reader, int ordinal) => NodaTime.Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc));

    protected override object Number(decimal value) => value;

    public override object Boolean(bool value) => value;

    protected override object Date(LocalDate value) => value.ToDateOnly();

    public override string Binary(string expression) => $"({expression}) COLLATE \"C\"";

    public override string CustomField(string column, string nameParameter) => $"(({column}) ->> {nameParameter}) COLLATE \"C\"";

    public override object CustomFieldKey(string name) => name;

    // Containment is what the GIN (jsonb_path_ops) index on custom_fields answers.
    public override string? CustomFieldEquals(string column, string nameParameter, string valueParameter) =>
        $"{column} @> jsonb_build_object({nameParameter}::text, {valueParameter}::text)";

    // LIKE on a "C"-collated value compares bytes and can use a b-tree index; the prefix's wildcards are escaped.
    public override string StartsWith(string expression, string parameter) => $"{expression} LIKE {parameter} ESCAPE '\\'";

    public override object StartsWithValue(string prefix) =>
        prefix.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public override string Order(string expression, bool descending) => descending ? expression + " DESC NULLS LAST" : expression + " ASC NULLS FIRST";

    public override string IdText(string column) => column + "::text";

    // Binary COPY straight into the table: the commit checked ids, versions and keys under the tenant's lock first.
    public override async Task BulkInsertAsync(DbContext context, string table, string columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)context.Database.GetDbConnection();
        var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
        await using (importer.ConfigureAwait(false))
        {
            foreach (var row in rows)
            {
                await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
                foreach (var value in row)
                {
                    await (value switch
                    {
                        null or DBNull => importer.WriteNullAsync(cancellationToken),
                        JsonText json => importer.WriteAsync(json.Text, NpgsqlDbType.Jsonb, cancellationToken),
                        string text => importer.WriteAsync(text, NpgsqlDbType.Text, cancellationToken),
                        Guid id => importer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken),
                        long number => importer.WriteAsync(number, NpgsqlDbType.Bigint, cancellationToken),
                        int number => importer.WriteAsync(number, NpgsqlDbType.Integer, cancellationToken),
                        decimal number => importer.WriteAsync(number, NpgsqlDbType.Numeric, cancellationToken),
                        bool flag => importer.WriteAsync(flag, NpgsqlDbType.Boolean, cancellationToken),
                        DateTime instant => importer.WriteAsync(instant, NpgsqlDbType.TimestampTz, cancellationToken),
                        DateOnly date => importer.WriteAsync(date, NpgsqlDbType.Date, cancellationToken),
                        _ => throw new NotSupportedException($"A bulk insert into {table} cannot write a {value.GetType().Name}."),
                    }).ConfigureAwait(false);
                }
            }

            var written = await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            if (written != (ulong)rows.Count)
            {
                throw new InvalidOperationException($"COPY into {table} wrote {written} of {rows.Count} rows; nothing was committed.");
            }
        }
    }

    public override async Task<IDbContextTransaction> BeginAsync(DbContext context, CancellationToken cancellationToken) =>
        await context.Database.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
}
