using System.Data.Common;
using System.Collections.Concurrent;
using Crm.Customers;
using Crm.Segmentation;
using Crm.Storage.EntityFrameworkCore.Migrations;
using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.EntityFrameworkCore.Sql;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// The relational store on EF Core: SQLite (one process, desktop and edge) or PostgreSQL (many app
/// servers, often the ERP's own database). One table per aggregate family with real columns for
/// what is queried; every filter, sort and page runs in SQL; a commit is one database transaction
/// that also writes the change feed and the outbox. Create it with <see cref="ForSqlite"/> or
/// <see cref="ForPostgreSql"/>, apply the schema with <see cref="MigrateAsync"/>, and join a host's
/// own transaction with <see cref="WithTransaction(DbTransaction)"/>.
/// </summary>
public sealed class RelationalCrmStore : ICrmStore, IConcurrentReadStore, ICustomerValueQueries
{
    /// <summary>Reads overlap on the store's own pooled connections; a store joined to a host's transaction has one connection.</summary>
    public bool AllowsConcurrentReads => _hostTransaction is null;

    private readonly Func<CrmDbContext> _createContext;
    private readonly DbTransaction? _hostTransaction;
    private readonly ConcurrentDictionary<Type, object> _readers = new();
    private readonly Func<DbConnection, DbTransaction, RelationalCrmStore> _join;

    private RelationalCrmStore(StoreSetup setup, IClock clock, Func<CrmDbContext> createContext, Func<DbConnection, DbTransaction, RelationalCrmStore> join, DbTransaction? hostTransaction, IOutboxStore? outbox = null)
    {
        Setup = setup;
        Clock = clock;
        _createContext = createContext;
        _join = join;
        _hostTransaction = hostTransaction;

        // A joined view relays through the store's own connections: the relay is not part of the host's transaction.
        Outbox = outbox ?? new RelationalOutbox(this);
    }

    /// <inheritdoc />
    public IOutboxStore Outbox { get; }

    /// <summary>The database's name in messages: <c>SQLite</c> or <c>PostgreSQL</c>.</summary>
    public string Provider => Setup.Dialect.Name;

    internal StoreSetup Setup { get; }

    internal IClock Clock { get; }

    /// <summary>Creates a store over a SQLite database file. Use a file (<c>Data Source=crm.db</c>), not <c>:memory:</c>: an in-memory database is private to one connection.</summary>
    /// <param name="connectionString">The Microsoft.Data.Sqlite connection string.</param>
    /// <param name="clock">The clock (outbox leases).</param>
    /// <param name="options">Table names; the defaults when <see langword="null"/>.</param>
    /// <param name="interceptors">EF Core interceptors to run on the store's commands and transactions (diagnostics, fault injection in tests).</param>
    /// <returns>The store; call <see cref="MigrateAsync"/> before first use.</returns>
    public static RelationalCrmStore ForSqlite(string connectionString, IClock clock, RelationalStoreOptions? options = null, IEnumerable<IInterceptor>? interceptors = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var setup = new StoreSetup(SqliteDialect.Instance, new TableNames(options ?? new RelationalStoreOptions(), supportsSchemas: false));
        return Create<SqliteCrmDbContext>(
            setup,
            clock,
            interceptors,
            (builder, connection) => _ = connection is null
                ? builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable(setup.Names.MigrationsHistory))
                : builder.UseSqlite(connection, o => o.MigrationsHistoryTable(setup.Names.MigrationsHistory)),
            contextOptions => new SqliteCrmDbContext(contextOptions));
    }

    /// <summary>Creates a store over a PostgreSQL database.</summary>
    /// <param name="connectionString">The Npgsql connection string.</param>
    /// <param name="clock">The clock (outbox leases).</param>
    /// <param name="options">Schema and table names; the defaults when <see langword="null"/>.</param>
    /// <param name="interceptors">EF Core interceptors to run on the store's commands and transactions.</param>
    /// <returns>The store; call <see cref="MigrateAsync"/> before first use.</returns>
    public static RelationalCrmStore ForPostgreSql(string connectionString, IClock clock, RelationalStoreOptions? options = null, IEnumerable<IInterceptor>? interceptors = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var setup = new StoreSetup(PostgresDialect.Instance, new TableNames(options ?? new RelationalStoreOptions(), supportsSchemas: true));
        return Create<PostgresCrmDbContext>(
            setup,
            clock,
            interceptors,
            (builder, connection) => _ = connection is null
                ? builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable(setup.Names.MigrationsHistory, setup.Names.Schema))
                : builder.UseNpgsql(connection, o => o.MigrationsHistoryTable(setup.Names.MigrationsHistory, setup.Names.Schema)),
            contextOptions => new PostgresCrmDbContext(contextOptions));
    }

    /// <summary>
    /// Applies the CRM's pending migrations (creating the schema on first run), recorded in the
    /// CRM's own history table (<c>{prefix}migrations_history</c>). Safe to call on every start.
    /// </summary>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>A task.</returns>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            if (Setup.Dialect is SqliteDialect)
            {
                // Readers never wait for the writer in WAL mode; the setting stays with the database file.
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL", cancellationToken).ConfigureAwait(false);
            }

            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The migrations applied to the database, oldest first.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The migration ids.</returns>
    public async Task<IReadOnlyList<string>> GetAppliedMigrationsAsync(CancellationToken cancellationToken = default)
    {
        var context = CreateContext();
        await using (context.ConfigureAwait(false))
        {
            return [.. await context.Database.GetAppliedMigrationsAsync(cancellationToken).ConfigureAwait(false)];
        }
    }

    /// <summary>
    /// The SQL script of every CRM migration for this database and these names, for a DBA who applies
    /// changes by hand. On PostgreSQL it is idempotent (each migration runs only if the history table
    /// lacks it); EF Core cannot make idempotent SQLite scripts, so there it applies from scratch.
    /// </summary>
    /// <returns>The script.</returns>
    public string GenerateMigrationScript()
    {
        using var context = CreateContext();
        return context.GetService<IMigrator>().GenerateScript(options: Setup.Dialect is PostgresDialect ? MigrationsSqlGenerationOptions.Idempotent : MigrationsSqlGenerationOptions.Default);
    }

    /// <summary>
    /// A view of this store that runs on the host's open connection and inside its transaction: the
    /// session's reads see the host's uncommitted writes, and its commit becomes part of the host's
    /// transaction, so both are committed or rolled back together. A failed CRM commit (a conflict,
    /// a duplicate key) rolls back to a savepoint and leaves the host's transaction usable.
    /// </summary>
    /// <param name="transaction">The host's transaction; its connection must be the same database.</param>
    /// <returns>The joined view; open a session over it with <c>ICrmSessionFactory.OpenSession(context, store)</c>.</returns>
    public ICrmStore WithTransaction(DbTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = transaction.Connection ?? throw new ArgumentException("The transaction has no connection (it was committed or rolled back).", nameof(transaction));
        if (Setup.Dialect is PostgresDialect && transaction.IsolationLevel is not (System.Data.IsolationLevel.ReadCommitted or System.Data.IsolationLevel.Unspecified))
        {
            // A snapshot older than the tenant's lock would check versions and keys against stale rows
            // (PostgreSQL then aborts with a serialization failure instead of an outcome per record).
            throw new ArgumentException($"The CRM joins READ COMMITTED transactions on PostgreSQL; this one is {transaction.IsolationLevel}. Begin the host's transaction with IsolationLevel.ReadCommitted (the default).", nameof(transaction));
        }

        return _join(connection, transaction);
    }

    /// <summary>A view of this store inside the current transaction of the host's EF Core context (see <see cref="WithTransaction(DbTransaction)"/>).</summary>
    /// <param name="hostContext">The host's context, with a transaction begun on it.</param>
    /// <returns>The joined view.</returns>
    /// <exception cref="InvalidOperationException">The context has no current transaction.</exception>
    public ICrmStore WithTransaction(DbContext hostContext)
    {
        ArgumentNullException.ThrowIfNull(hostContext);
        var transaction = hostContext.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The host's DbContext has no current transaction: call Database.BeginTransactionAsync() on it first, so the CRM's commit can join it.");
        return WithTransaction(transaction);
    }

    /// <summary>RFM scores as set operations in the database: one row per account comes back, never a purchase.</summary>
    /// <inheritdoc />
    public Task<IReadOnlyList<RfmScore<AccountId>>> ScoreAccountsAsync(OperationContext context, string currency, RfmOptions options, CancellationToken cancellationToken = default) =>
        new RelationalCustomerValueQueries(this).ScoreAccountsAsync(context, currency, options, cancellationToken);

    /// <summary>A/B/C tiers as set operations in the database: one row per account comes back, never a purchase.</summary>
    /// <inheritdoc />
    public Task<IReadOnlyList<TierAssignment<AccountId>>> AssignAccountTiersAsync(OperationContext context, string currency, TierOptions? options = null, CancellationToken cancellationToken = default) =>
        new RelationalCustomerValueQueries(this).AssignAccountTiersAsync(context, currency, options, cancellationToken);

    /// <inheritdoc />
    public IRecordReader<TData> Records<TData>() where TData : AggregateData =>
        (IRecordReader<TData>)_readers.GetOrAdd(typeof(TData), static (_, store) => new RelationalRecordReader<TData>(store), this);

    /// <inheritdoc />
    public async ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var tenant = TenantOf(context);
        CommitRequestChecks.ThrowIfMalformed(context, request);
        var seen = new HashSet<RecordRef>();
        foreach (var write in request.Writes)
        {
            if (!seen.Add(write.Record))
            {
                throw new ArgumentException($"{write.Record} appears twice in one commit.", nameof(request));
            }
        }

        var prepared = request.Writes.Select(w => new PreparedWrite(w)).ToList();
        cancellationToken.ThrowIfCancellationRequested();
        var db = CreateContext();
        await using (db.ConfigureAwait(false))
        {
            // Once the transaction is open the commit completes or fails as a whole: it is not cancelled half-way.
            var writer = new CommitWriter(db, Setup, tenant, request, prepared);
            if (_hostTransaction is not null)
            {
                return await CommitInHostTransactionAsync(db, writer).ConfigureAwait(false);
            }

            var transaction = await Setup.Dialect.BeginAsync(db, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await writer.RunAsync(CancellationToken.None).ConfigureAwait(false);
                if (result.Committed && !result.Replayed)
                {
                    await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await transaction.RollbackAsync(CancellationToken.None).ConfigureAwait(false);
                }

                return result;
            }
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ChangeFeedEntry>> ReadChangesAsync(OperationContext context, long afterPosition, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        var sql = new SqlText(Setup.Dialect);
        sql.Append($"SELECT position, entity_type, record_id, kind, version, committed_at FROM {Setup.Names.Changes} WHERE tenant_id = {sql.Add(TenantOf(context))} AND position > {sql.Add(afterPosition)} ORDER BY position LIMIT {sql.Add(maxCount)}");
        var db = CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await Commands.ListAsync(
                db,
                sql,
                r => new ChangeFeedEntry(
                    r.GetInt64(0),
                    new RecordRef(r.GetString(1), Setup.Dialect.ReadId(r, 2)),
                    r.GetString(3) == "deleted" ? ChangeKind.Deleted : ChangeKind.Upserted,
                    r.GetInt64(4),
                    Setup.Dialect.ReadInstant(r, 5)),
                cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The one point where the store reads the tenant of a call: every statement filters by it.</summary>
    internal static string TenantOf(OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Tenant.Value ?? throw new ArgumentException("The operation context has no tenant.", nameof(context));
    }

    /// <summary>A context for one operation: on the store's own connections, or on the host's connection inside its transaction.</summary>
    internal CrmDbContext CreateContext()
    {
        var context = _createContext();
        if (_hostTransaction is not null)
        {
            context.Database.UseTransaction(_hostTransaction);
        }

        return context;
    }

    // One store on its own connections; joining a host's transaction makes another over the host's connection.
    private static RelationalCrmStore Create<TContext>(
        StoreSetup setup,
        IClock clock,
        IEnumerable<IInterceptor>? interceptors,
        Action<DbContextOptionsBuilder<TContext>, DbConnection?> useProvider,
        Func<DbContextOptions<TContext>, TContext> newContext)
        where TContext : CrmDbContext
    {
        ArgumentNullException.ThrowIfNull(clock);
        var list = interceptors?.ToArray() ?? [];
        DbContextOptions<TContext> Options(DbConnection? connection)
        {
            var builder = new DbContextOptionsBuilder<TContext>();
            useProvider(builder, connection);
            CrmDbContext.UseSetup(builder, setup);
            return Configure(builder, list).Options;
        }

        RelationalCrmStore? store = null;
        RelationalCrmStore Join(DbConnection connection, DbTransaction transaction)
        {
            var joined = Options(connection);
            return new RelationalCrmStore(setup, clock, () => newContext(joined), Join, transaction, store!.Outbox);
        }

        // The store's own connections: pooled contexts. A joined store's run on the host's connection, one each.
        var pool = new PooledDbContextFactory<TContext>(Options(null));
        store = new RelationalCrmStore(setup, clock, pool.CreateDbContext, Join, null);
        return store;
    }

    private static DbContextOptionsBuilder<TContext> Configure<TContext>(DbContextOptionsBuilder<TContext> builder, IInterceptor[] interceptors) where TContext : DbContext
    {
        builder.ReplaceService<IMigrationsAssembly, CrmMigrationsAssembly>();
        // The model has no entity types (the store writes its own SQL), so there is no model snapshot to compare with.
        builder.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
        if (interceptors.Length > 0)
        {
            builder.AddInterceptors(interceptors);
        }

        return builder;
    }

    private static async Task<CommitResult> CommitInHostTransactionAsync(CrmDbContext db, CommitWriter writer)
    {
        var transaction = db.Database.CurrentTransaction!;
        const string savepoint = "crm_commit";
        await transaction.CreateSavepointAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
        try
        {
            var result = await writer.RunAsync(CancellationToken.None).ConfigureAwait(false);
            if (result.Committed && !result.Replayed)
            {
                await transaction.ReleaseSavepointAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            }

            return result;
        }
        catch
        {
            await transaction.RollbackToSavepointAsync(savepoint, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }
}
