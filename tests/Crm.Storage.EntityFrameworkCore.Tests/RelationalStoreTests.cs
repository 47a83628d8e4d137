using System.Data.Common;
using Crm.Customers;
using Crm.Sessions;
using Crm.Storage.Querying;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// What only a relational store has: the host's transaction, faults half-way through a commit,
/// the rows a page really reads, the names migrations create. Run on both databases.
/// </summary>
public abstract class RelationalStoreTests : IAsyncLifetime
{
    private static readonly TenantId Tenant = new("tenant-a");
    private ServiceProvider? _services;

    protected FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 29, 0, 30, 0));

    private protected CommandProbe Probe { get; } = new();

    private protected CommitFault Fault { get; } = new();

    protected RelationalCrmStore Store { get; private set; } = null!;

    private ICrmSessionFactory Sessions => _services!.GetRequiredService<ICrmSessionFactory>();

    private static OperationContext Context => OperationContext.ForUser(Tenant, new UserId("tester"));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>Creates a migrated store with the probe as interceptor.</summary>
    protected abstract Task<RelationalCrmStore> CreateStoreAsync(RelationalStoreOptions? options, IEnumerable<IInterceptor> interceptors);

    /// <summary>Opens a connection of the host's own to the same database.</summary>
    protected abstract Task<DbConnection> OpenHostConnectionAsync();

    /// <summary>The qualified name of a host table beside the CRM's.</summary>
    protected abstract string HostTable(string name);

    /// <summary>The names of the CRM tables that exist (bare names).</summary>
    protected abstract Task<IReadOnlyList<string>> ListTablesAsync(RelationalStoreOptions options);

    public async ValueTask InitializeAsync()
    {
        Store = await CreateStoreAsync(null, [Probe, Fault]);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        services.AddCrm(crm => crm.UseStorage("under test", _ => Store));
        _services = services.BuildServiceProvider();
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Rolling_back_the_host_transaction_discards_the_host_writes_and_the_crm_commit()
    {
        await using var connection = await OpenHostConnectionAsync();
        await CreateHostTableAsync(connection);
        ContactId contactId;
        await using (var transaction = await connection.BeginTransactionAsync(Token))
        {
            await InsertHostOrderAsync(connection, transaction, "SO-1");
            var session = Sessions.OpenSession(Context, Store.WithTransaction(transaction));
            var account = session.Accounts.Create(new AccountDraft { Name = "Joined GmbH" });
            var contact = session.Contacts.Create(new ContactDraft { LastName = "Joined", AccountId = account.Id });
            contactId = contact.Id;
            Assert.True((await session.CommitAsync(cancellationToken: Token)).IsSuccess);

            // Inside the host's transaction the CRM sees its own uncommitted work, a view's parts read one at a time on the host's connection.
            var joined = Store.WithTransaction(transaction);
            Assert.False(Assert.IsAssignableFrom<IConcurrentReadStore>(joined).AllowsConcurrentReads);
            var inside = Sessions.OpenSession(Context, joined);
            Assert.NotNull(await inside.Contacts.FindAsync(contactId, Token));
            var view = await inside.Views.GetAccountViewAsync(account.Id, Token);
            Assert.Equal(contactId, Assert.Single(view!.Contacts).Contact.Id);
            await transaction.RollbackAsync(Token);
        }

        Assert.Equal(0, await CountHostOrdersAsync(connection));
        Assert.Null(await Sessions.OpenSession(Context).Contacts.FindAsync(contactId, Token));
        Assert.Empty(await Store.ReadChangesAsync(Context, 0, 100, Token));
        Assert.Equal(0, await Store.Outbox.CountPendingAsync(Token));
    }

    [Fact]
    public async Task Committing_the_host_transaction_keeps_both()
    {
        await using var connection = await OpenHostConnectionAsync();
        await CreateHostTableAsync(connection);
        ContactId contactId;
        await using (var transaction = await connection.BeginTransactionAsync(Token))
        {
            await InsertHostOrderAsync(connection, transaction, "SO-2");
            var session = Sessions.OpenSession(Context, Store.WithTransaction(transaction));
            contactId = session.Contacts.Create(new ContactDraft { LastName = "Together" }).Id;
            Assert.True((await session.CommitAsync(cancellationToken: Token)).IsSuccess);
            await transaction.CommitAsync(Token);
        }

        Assert.Equal(1, await CountHostOrdersAsync(connection));
        Assert.Equal("Together", (await Sessions.OpenSession(Context).Contacts.FindAsync(contactId, Token))!.Data.LastName);
        Assert.Single(await Store.ReadChangesAsync(Context, 0, 100, Token));
    }

    [Fact]
    public async Task A_refused_crm_commit_leaves_the_host_transaction_usable()
    {
        var first = Sessions.OpenSession(Context);
        first.Contacts.Create(new ContactDraft { LastName = "Holder", AlternateKeys = [new AlternateKey("erp", "C-1")] });
        Assert.True((await first.CommitAsync(cancellationToken: Token)).IsSuccess);

        await using var connection = await OpenHostConnectionAsync();
        await CreateHostTableAsync(connection);
        await using (var transaction = await connection.BeginTransactionAsync(Token))
        {
            await InsertHostOrderAsync(connection, transaction, "SO-3");
            var session = Sessions.OpenSession(Context, Store.WithTransaction(transaction));
            session.Contacts.Create(new ContactDraft { LastName = "Clash", AlternateKeys = [new AlternateKey("erp", "C-1")] });
            var result = await session.CommitAsync(cancellationToken: Token);
            Assert.False(result.IsSuccess);
            Assert.Contains(result.Errors, e => e.Code == CrmErrorCodes.DuplicateKey);

            // The CRM rolled back to its savepoint: the host goes on and commits its own work.
            await InsertHostOrderAsync(connection, transaction, "SO-4");
            await transaction.CommitAsync(Token);
        }

        Assert.Equal(2, await CountHostOrdersAsync(connection));
        Assert.Equal(1, (await Sessions.OpenSession(Context).Contacts.CountAsync(cancellationToken: Token)).Value);
    }

    [Theory]
    [InlineData("changes\" (tenant_id")]
    [InlineData("outbox\" (tenant_id")]
    [InlineData("UPDATE")]
    public async Task A_commit_that_fails_half_way_leaves_nothing(string failingStatement)
    {
        var seed = Sessions.OpenSession(Context);
        var existing = seed.Contacts.Create(new ContactDraft { LastName = "Before" });
        Assert.True((await seed.CommitAsync(cancellationToken: Token)).IsSuccess);
        var positionBefore = (await Store.ReadChangesAsync(Context, 0, 100, Token)).Count;
        var pendingBefore = await Store.Outbox.CountPendingAsync(Token);

        var session = Sessions.OpenSession(Context);
        var account = session.Accounts.Create(new AccountDraft { Name = "Half Way AG", AlternateKeys = [new AlternateKey("erp", "A-1")] });
        session.Contacts.Create(new ContactDraft { LastName = "One", AccountId = account.Id, ContactPoints = [ContactPoint.Email("one@example.com", primary: true)] });
        session.Contacts.Create(new ContactDraft { LastName = "Two", AccountId = account.Id, Tags = ["x"] });
        (await session.Contacts.FindAsync(existing.Id, Token))!.Rename("Changed", "Before");
        Probe.FailOn(failingStatement, afterCommands: 2);
        await Assert.ThrowsAsync<InjectedFaultException>(async () => await session.CommitAsync(cancellationToken: Token));
        Assert.True(Probe.Fired);

        var after = Sessions.OpenSession(Context);
        Assert.Null(await after.Accounts.FindAsync(account.Id, Token));
        Assert.Null(await after.Accounts.FindByAlternateKeyAsync("erp", "A-1", Token));
        Assert.Equal(1, (await after.Contacts.CountAsync(cancellationToken: Token)).Value);
        Assert.Null((await after.Contacts.FindAsync(existing.Id, Token))!.Data.FirstName);
        Assert.Equal(positionBefore, (await Store.ReadChangesAsync(Context, 0, 100, Token)).Count);
        Assert.Equal(pendingBefore, await Store.Outbox.CountPendingAsync(Token));

        // Nothing is left half-locked or half-numbered: the next commit continues the feed without a gap.
        var retry = Sessions.OpenSession(Context);
        retry.Accounts.Create(new AccountDraft { Name = "Half Way AG", AlternateKeys = [new AlternateKey("erp", "A-1")] });
        Assert.True((await retry.CommitAsync(cancellationToken: Token)).IsSuccess);
        Assert.Equal(positionBefore + 1, (await Store.ReadChangesAsync(Context, 0, 100, Token))[^1].Position);
    }

    [Fact]
    public async Task Bulk_upserts_of_many_rows_take_the_bulk_path_and_a_failure_at_the_end_leaves_nothing()
    {
        ContactUpsertRows(300, "v1", out var rows);
        Fault.Armed = true;
        await Assert.ThrowsAsync<InjectedFaultException>(() => Sessions.OpenSession(Context).Contacts.UpsertManyAsync(rows, "erp", Token));
        Assert.Equal(0, (await Sessions.OpenSession(Context).Contacts.CountAsync(cancellationToken: Token)).Value);
        Assert.Empty(await Store.ReadChangesAsync(Context, 0, 10, Token));
        Assert.Equal(0, await Store.Outbox.CountPendingAsync(Token));

        var created = await Sessions.OpenSession(Context).Contacts.UpsertManyAsync(rows, "erp", Token);
        Assert.Equal(300, created.Created);
        ContactUpsertRows(400, "v2", out var second);
        var upserted = await Sessions.OpenSession(Context).Contacts.UpsertManyAsync(second, "erp", Token);
        Assert.Equal((100, 300), (upserted.Created, upserted.Updated));

        // What the bulk path wrote is what the queries read: columns, contact points, list values, keys.
        var session = Sessions.OpenSession(Context);
        Assert.Equal(400, (await session.Contacts.CountAsync(cancellationToken: Token)).Value);
        Assert.Equal(200, (await session.Contacts.CountAsync(Filter.Equal("tags", "even"), Token)).Value);
        Assert.Equal(400, (await session.Contacts.CountAsync(Filter.StartsWith("lastName", "v2-"), Token)).Value);
        var one = (await session.Contacts.QueryAsync(new RecordQuery { Filter = Filter.Equal("email", "row123@example.com") }, Token)).Value!.Items.Single();
        Assert.Equal(("v2-123", 2L), (one.Data.LastName, one.Version));
        Assert.Equal(one.Id, (await session.Contacts.FindByAlternateKeyAsync("erp", "C-123", Token))!.Id);
        Assert.Equal(700, (await Store.ReadChangesAsync(Context, 0, 10_000, Token)).Count);
        Assert.Equal(700, await Store.Outbox.CountPendingAsync(Token));
    }

    [Fact]
    public async Task The_bulk_insert_path_stores_repeated_and_null_values_exactly_and_a_violation_mid_way_fails_the_transaction()
    {
        // Values equal to the previous row's stay bound on SQLite's raw path: a change back to null, or back to an
        // earlier value, must still be written as it is.
        var labels = new[] { "work", "work", null, null, "work", "home", "home", null, "home" };
        var rows = Enumerable.Range(0, 90).Select(i => new object?[] { "bulk", "contact", Store.Setup.Dialect.Id(new Guid(i, 0, 0, new byte[8])), 0, "email", $"v{i % 3}", labels[i % labels.Length] ?? "none", Store.Setup.Dialect.Boolean(i % 4 == 0) }).ToList();
        var columns = "tenant_id, owner_type, owner_id, ordinal, kind, value, label, is_primary";
        var db = Store.CreateContext();
        await using (db)
        {
            await using (var transaction = await Store.Setup.Dialect.BeginAsync(db, Token))
            {
                await Store.Setup.Dialect.BulkInsertAsync(db, Store.Setup.Names.ContactPoints, columns, rows, Token);
                await transaction.CommitAsync(Token);
            }

            var stored = await Crm.Storage.EntityFrameworkCore.Sql.Commands.ListAsync(
                db,
                new Crm.Storage.EntityFrameworkCore.Sql.SqlText(Store.Setup.Dialect).Append($"SELECT owner_id, value, label FROM {Store.Setup.Names.ContactPoints} WHERE tenant_id = 'bulk'"),
                r => (Store.Setup.Dialect.ReadId(r, 0).ToString("D"), r.GetString(1), r.GetString(2)),
                Token);
            Assert.Equal(
                rows.Select(r => (r[2]!.ToString()!, (string)r[5]!, (string)r[6]!)).OrderBy(r => r.Item1, StringComparer.Ordinal),
                stored.OrderBy(r => r.Item1, StringComparer.Ordinal));

            // Row 70 repeats row 3's key: the database refuses it, and the transaction keeps none of the 90 rows.
            var again = rows.Select(r => (object?[])r.Clone()).ToList();
            for (var i = 0; i < again.Count; i++)
            {
                again[i][0] = "bulk-2";
            }

            again[70][2] = again[3][2];
            await using (var transaction = await Store.Setup.Dialect.BeginAsync(db, Token))
            {
                await Assert.ThrowsAnyAsync<DbException>(() => Store.Setup.Dialect.BulkInsertAsync(db, Store.Setup.Names.ContactPoints, columns, again, Token));
                await transaction.RollbackAsync(Token);
            }

            var count = await Crm.Storage.EntityFrameworkCore.Sql.Commands.ListAsync(
                db,
                new Crm.Storage.EntityFrameworkCore.Sql.SqlText(Store.Setup.Dialect).Append($"SELECT COUNT(*) FROM {Store.Setup.Names.ContactPoints} WHERE tenant_id = 'bulk-2'"),
                r => r.GetInt64(0),
                Token);
            Assert.Equal(0, count.Single());
        }
    }

    private static void ContactUpsertRows(int count, string version, out Crm.Sessions.Bulk.ContactUpsert[] rows) =>
        rows = [.. Enumerable.Range(0, count).Select(i => new Crm.Sessions.Bulk.ContactUpsert(new ContactDraft
        {
            LastName = $"{version}-{i}",
            ContactPoints = [ContactPoint.Email($"Row{i}@Example.com")],
            Tags = [i % 2 == 0 ? "even" : "odd"],
            AlternateKeys = [new AlternateKey("erp", $"C-{i}")],
        }))];

    [Fact]
    public async Task A_page_reads_at_most_its_size_and_one_more_row_from_the_database()
    {
        var seed = Sessions.OpenSession(Context);
        for (var i = 0; i < 120; i++)
        {
            seed.Contacts.Create(new ContactDraft { FirstName = $"F{i:D3}", LastName = i % 2 == 0 ? $"Keller{i:D3}" : $"Meier{i:D3}", Tags = [i % 3 == 0 ? "vip" : "std"] });
        }

        Assert.True((await seed.CommitAsync(cancellationToken: Token)).IsSuccess);
        var queries = new[]
        {
            new RecordQuery { Filter = Filter.StartsWith("lastName", "Keller"), Sort = [SortKey.Ascending("lastName")], PageSize = 10 },
            new RecordQuery { Filter = Filter.Equal("tags", "vip"), Sort = [SortKey.Descending("firstName")], PageSize = 7 },
            new RecordQuery { Sort = [SortKey.Descending("updatedAt")], PageSize = 25 },
        };
        foreach (var query in queries)
        {
            string? cursor = null;
            for (var page = 0; page < 3; page++)
            {
                Probe.Reads.Clear();
                var result = (await Sessions.OpenSession(Context).Contacts.QueryAsync(query with { Cursor = cursor }, Token)).Value!;
                Assert.Equal(query.PageSize, result.Items.Count);
                var read = Probe.Reads.Where(r => r.Sql.Contains("ORDER BY", StringComparison.Ordinal)).ToList();
                Assert.Single(read);
                Assert.InRange(read[0].RowsRead(), 1, query.PageSize + 1);
                cursor = result.NextCursor;
            }
        }
    }

    [Fact]
    public async Task Migrations_create_the_tables_under_the_configured_names_once()
    {
        var options = new RelationalStoreOptions { TablePrefix = "erp_crm_", Schema = "erp_" + Guid.NewGuid().ToString("N")[..8] };
        var store = await CreateStoreAsync(options, []);
        await store.MigrateAsync(Token); // a second run applies nothing
        Assert.Equal(["20261126000000_Initial", "20261127000000_PurchaseValueIndex"], await store.GetAppliedMigrationsAsync(Token));
        var tables = await ListTablesAsync(options);
        Assert.Contains("erp_crm_contacts", tables);
        Assert.Contains("erp_crm_outbox", tables);
        Assert.Contains("erp_crm_migrations_history", tables);
        // EF Core's SQLite migrator keeps its lock in a fixed-name table (__EFMigrationsLock) while it migrates.
        Assert.DoesNotContain(tables, t => !t.StartsWith("erp_crm_", StringComparison.Ordinal) && t != "__EFMigrationsLock");

        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        services.AddCrm(crm => crm.UseStorage("named", _ => store));
        await using var provider = services.BuildServiceProvider();
        var session = provider.GetRequiredService<ICrmSessionFactory>().OpenSession(Context);
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Named" });
        Assert.True((await session.CommitAsync(cancellationToken: Token)).IsSuccess);
        Assert.NotNull(await provider.GetRequiredService<ICrmSessionFactory>().OpenSession(Context).Contacts.FindAsync(contact.Id, Token));
    }

    [Fact]
    public async Task Relays_at_the_same_time_deliver_each_event_once_in_order_per_subject_and_a_dead_relays_claims_come_back()
    {
        var ids = new List<ContactId>();
        for (var round = 0; round < 4; round++)
        {
            var session = Sessions.OpenSession(Context);
            if (round == 0)
            {
                for (var i = 0; i < 10; i++)
                {
                    ids.Add(session.Contacts.Create(new ContactDraft { LastName = $"Subject{i}" }).Id);
                }
            }
            else
            {
                foreach (var id in ids)
                {
                    (await session.Contacts.FindAsync(id, Token))!.SetJobTitle($"Title {round}");
                }
            }

            Assert.True((await session.CommitAsync(cancellationToken: Token)).IsSuccess);
        }

        var total = await Store.Outbox.CountPendingAsync(Token);
        Assert.True(total >= 40, $"expected at least 40 events, found {total}");

        // A relay that claims and dies: its messages are held until the lease ends.
        var dead = await Store.Outbox.ClaimAsync(3, Duration.FromMinutes(5), Token);
        Assert.Equal(3, dead.Count);

        var delivered = new System.Collections.Concurrent.ConcurrentQueue<OutboxEntry>();
        using var barrier = new Barrier(2);
        async Task Relay()
        {
            await Task.Yield();
            barrier.SignalAndWait(Token);
            while (true)
            {
                var claimed = await Store.Outbox.ClaimAsync(4, Duration.FromMinutes(1), Token);
                if (claimed.Count == 0)
                {
                    return;
                }

                foreach (var entry in claimed)
                {
                    delivered.Enqueue(entry);
                }

                await Store.Outbox.CompleteAsync([.. claimed.Select(c => c.Message.EventId)], Token);
            }
        }

        await Task.WhenAll(Task.Run(Relay, Token), Task.Run(Relay, Token));

        // The dead relay's three subjects waited; everything else went out exactly once.
        var deadSubjects = dead.Select(d => d.Message.Subject).ToHashSet();
        Assert.DoesNotContain(delivered, d => deadSubjects.Contains(d.Message.Subject));
        Assert.Equal(delivered.Count, delivered.Select(d => d.Message.EventId).Distinct().Count());
        foreach (var subject in delivered.GroupBy(d => d.Message.Subject))
        {
            var sequences = subject.Select(d => d.Sequence).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }

        // After the lease the dead relay's messages come back, with the same event ids, as a second attempt.
        Clock.Advance(Duration.FromMinutes(6));
        var again = await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), Token);
        Assert.Equal(dead.Select(d => d.Message.EventId).Order(), again.Select(a => a.Message.EventId).Order());
        Assert.All(again, a => Assert.Equal(1, a.Attempts));
        await Store.Outbox.CompleteAsync([.. again.Select(a => a.Message.EventId)], Token);
        while (await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), Token) is { Count: > 0 } rest)
        {
            await Store.Outbox.CompleteAsync([.. rest.Select(a => a.Message.EventId)], Token);
        }

        Assert.Equal(0, await Store.Outbox.CountPendingAsync(Token));
    }

    [Fact]
    public void Names_that_are_not_plain_identifiers_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new RelationalStoreOptions { TablePrefix = "crm\"; drop table x; --" }.Validate());
        Assert.Contains("table prefix", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new RelationalStoreOptions { Schema = "Has Space" }.Validate());
        Assert.Throws<ArgumentException>(() => new RelationalStoreOptions { TablePrefix = new string('p', 21) }.Validate());
    }

    private async Task CreateHostTableAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE TABLE IF NOT EXISTS {HostTable("erp_orders")} (number text PRIMARY KEY)";
        await command.ExecuteNonQueryAsync(Token);
    }

    private async Task InsertHostOrderAsync(DbConnection connection, DbTransaction transaction, string number)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {HostTable("erp_orders")} (number) VALUES ('{number}')";
        await command.ExecuteNonQueryAsync(Token);
    }

    private async Task<long> CountHostOrdersAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {HostTable("erp_orders")}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(Token), System.Globalization.CultureInfo.InvariantCulture);
    }
}
