using System.Data.Common;
using Crm.CustomFields;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>What differs between the databases: column types, parameter values, a few SQL forms. Everything else is one SQL text for both.</summary>
internal abstract class SqlDialect
{
    /// <summary>The provider's name in messages.</summary>
    public abstract string Name { get; }

    /// <summary>Whether tables can live in a named schema.</summary>
    public abstract bool SupportsSchemas { get; }

    /// <summary>
    /// How many statements one command may carry. Microsoft.Data.Sqlite binds every parameter of a
    /// command to every statement in it, so many statements with many parameters cost their product;
    /// Npgsql sends a batch in one round trip.
    /// </summary>
    public abstract int MaxStatementsPerCommand { get; }

    /// <summary>The type of id columns.</summary>
    public abstract string IdType { get; }

    /// <summary>The type of text columns (binary collation).</summary>
    public abstract string TextType { get; }

    /// <summary>The type of JSON columns.</summary>
    public abstract string JsonType { get; }

    /// <summary>The type of 64-bit integers.</summary>
    public abstract string BigIntType { get; }

    /// <summary>The type of instant columns.</summary>
    public abstract string InstantType { get; }

    /// <summary>The type of boolean columns.</summary>
    public abstract string BooleanType { get; }

    /// <summary>The literal true.</summary>
    public abstract string True { get; }

    /// <summary>The clause that locks the rows a select reads until the transaction ends ("" where the whole database is locked by the write transaction).</summary>
    public abstract string ForUpdate { get; }

    /// <summary>The clause that locks rows and skips rows other transactions hold.</summary>
    public abstract string ForUpdateSkipLocked { get; }

    /// <summary>The column type of a query field kind.</summary>
    public string TypeOf(ScalarKind kind) => kind switch
    {
        ScalarKind.Text => TextType,
        ScalarKind.Number => NumberType,
        ScalarKind.Boolean => BooleanType,
        ScalarKind.Date => DateType,
        ScalarKind.Instant => InstantType,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown kind."),
    };

    /// <summary>The type of decimal columns.</summary>
    protected abstract string NumberType { get; }

    /// <summary>The type of date columns.</summary>
    protected abstract string DateType { get; }

    /// <summary>Creates a parameter.</summary>
    public abstract DbParameter Parameter(string name, object? value);

    /// <summary>Creates a parameter for a JSON column.</summary>
    public abstract DbParameter JsonParameter(string name, string json);

    /// <summary>An id as a parameter value.</summary>
    public abstract object Id(Guid id);

    /// <summary>Reads an id column.</summary>
    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    /// <summary>An instant as a parameter value for an instant column.</summary>
    public abstract object Instant(NodaTime.Instant value);

    /// <summary>Reads an instant column.</summary>
    public abstract NodaTime.Instant ReadInstant(DbDataReader reader, int ordinal);

    /// <summary>A value of a query field as a parameter value for its column.</summary>
    public object Value(ScalarValue? value) => value is null ? DBNull.Value : value.Kind switch
    {
        ScalarKind.Text => value.AsText(),
        ScalarKind.Number => Number(value.AsNumber()),
        ScalarKind.Boolean => Boolean(value.AsBoolean()),
        ScalarKind.Date => Date(value.AsDate()),
        ScalarKind.Instant => Instant(value.AsInstant()),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value.Kind, "Unknown kind."),
    };

    /// <summary>A decimal as a parameter value.</summary>
    protected abstract object Number(decimal value);

    /// <summary>A boolean as a parameter value.</summary>
    public abstract object Boolean(bool value);

    /// <summary>A date as a parameter value.</summary>
    protected abstract object Date(NodaTime.LocalDate value);

    /// <summary>Makes a computed text expression compare and sort in binary order.</summary>
    public abstract string Binary(string expression);

    /// <summary>The tagged text of one custom field of a <c>custom_fields</c> column; <paramref name="nameParameter"/> holds <see cref="CustomFieldKey"/>.</summary>
    public abstract string CustomField(string column, string nameParameter);

    /// <summary>An index-friendly form of "custom field = tagged value", or <see langword="null"/> to compare <see cref="CustomField"/>.</summary>
    public virtual string? CustomFieldEquals(string column, string nameParameter, string valueParameter) => null;

    /// <summary>The parameter value that names a custom field in <see cref="CustomField"/>.</summary>
    public abstract object CustomFieldKey(string name);

    /// <summary>The condition "expression starts with the prefix" whose parameter holds <see cref="StartsWithValue"/>.</summary>
    public abstract string StartsWith(string expression, string parameter);

    /// <summary>The parameter value of <see cref="StartsWith"/> for a prefix.</summary>
    public abstract object StartsWithValue(string prefix);

    /// <summary>The ordering of one sort key with the SDK's null rule (nulls first ascending, last descending).</summary>
    public abstract string Order(string expression, bool descending);

    /// <summary>The id column as text (for filters on the <c>id</c> field, which is text in the SDK).</summary>
    public abstract string IdText(string column);

    /// <summary>How many records a commit writes before it refreshes the planner's statistics of its tables.</summary>
    public abstract int StatisticsAfterWrites { get; }

    /// <summary>
    /// The statement that refreshes the query planner's statistics of the given tables, run at the
    /// end of a large commit. Without statistics the planner guesses, and may walk a sort index past
    /// most of a table instead of starting from the few rows a list-field value selects.
    /// </summary>
    public abstract string RefreshStatistics(IEnumerable<string> tables);

    /// <summary>The most values one list parameter carries; it bounds one statement's size, not its cost.</summary>
    public const int MaxListValues = 5_000;

    /// <summary>
    /// <c>expression IN (values)</c> with every value in one parameter, so a lookup of thousands of
    /// keys binds one value instead of thousands (binding is per parameter and per statement).
    /// </summary>
    public abstract string InTexts(SqlText sql, string expression, IEnumerable<string> values);

    /// <summary><c>expression IN (ids)</c> with every id in one parameter; see <see cref="InTexts"/>.</summary>
    public abstract string InIds(SqlText sql, string expression, IEnumerable<Guid> ids);

    /// <summary>
    /// Inserts many rows inside the context's current transaction through the database's bulk path.
    /// These statements bypass EF Core's command pipeline (its interceptors do not see them); the
    /// transaction they run in is EF Core's, so a failure still rolls everything back.
    /// </summary>
    public abstract Task BulkInsertAsync(DbContext context, string table, string columns, IReadOnlyList<object?[]> rows, CancellationToken cancellationToken);

    /// <summary>Reads a date column.</summary>
    public abstract NodaTime.LocalDate ReadDate(DbDataReader reader, int ordinal);

    /// <summary>Reads a number column, or an exact sum of one (<see cref="SumNumbers"/>).</summary>
    public abstract decimal ReadNumber(DbDataReader reader, int ordinal);

    /// <summary>The exact sum of a number column (SQLite's <c>SUM</c> would add the stored text as doubles).</summary>
    public abstract string SumNumbers(string expression);

    /// <summary>Readies a context's connection for the analytic statements (SQLite registers the exact sum <see cref="SumNumbers"/> uses).</summary>
    public virtual Task PrepareAnalyticsAsync(DbContext context, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts the store's own transaction for a commit.</summary>
    public abstract Task<IDbContextTransaction> BeginAsync(DbContext context, CancellationToken cancellationToken);
}
