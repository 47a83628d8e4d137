using Crm.Customers;
using Crm.Sessions.Bulk;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>
    /// A bulk upsert by alternate key: existing records are replaced, new ones created, each row gets
    /// its outcome; invalid rows, a key repeated in the batch and rows without a key are left out
    /// without stopping the batch; the written rows raise the same events as single writes.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Bulk_upserts_by_key_create_and_replace_with_an_outcome_per_row()
    {
        var existing = await InsertAsync(new ContactDraft { LastName = "Old", AlternateKeys = [new AlternateKey("erp", "C-1")] });
        var feedBefore = (await Store.ReadChangesAsync(ContextOf(TenantA), 0, 1000, TestContext.Current.CancellationToken)).Count;
        var pendingBefore = await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken);
        ContactDraft Row(string key, string lastName, params ContactPoint[] points) =>
            new() { LastName = lastName, ContactPoints = points, AlternateKeys = [new AlternateKey("erp", key)] };

        var result = await Session().Contacts.UpsertManyAsync(
        [
            new(Row("C-1", "New", ContactPoint.Email("New@Example.com"))),
            new(Row("C-2", "Second")),
            new(Row("C-3", "Broken", ContactPoint.Email("not-an-email"))),
            new(Row("C-2", "Second again")),
            new(new ContactDraft { LastName = "No key" }),
            new(Row("C-4", "Fourth") with { CustomFields = new Dictionary<string, CustomFields.ScalarValue> { ["tier"] = "gold" } }),
        ], "erp", TestContext.Current.CancellationToken);

        Assert.Equal(
            [BulkRowStatus.Updated, BulkRowStatus.Created, BulkRowStatus.Invalid, BulkRowStatus.DuplicateInBatch, BulkRowStatus.Invalid, BulkRowStatus.Created],
            result.Rows.Select(r => r.Status));
        Assert.Contains(result.Rows[2].Errors, e => e.Code == CrmErrorCodes.InvalidEmail);
        Assert.Contains("Row 1", result.Rows[3].Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((2, 1, 3), (result.Created, result.Updated, result.Failed));
        Assert.True(result.Position > 0);

        var session = Session();
        var updated = (await session.Contacts.FindByAlternateKeyAsync("erp", "C-1", TestContext.Current.CancellationToken))!;
        Assert.Equal(existing.Id, updated.Id);
        Assert.Equal(("New", 2L, "new@example.com"), (updated.Data.LastName, updated.Version, updated.Data.ContactPoints[0].Value));
        Assert.Equal("Second", (await session.Contacts.FindByAlternateKeyAsync("erp", "C-2", TestContext.Current.CancellationToken))!.Data.LastName);
        Assert.Equal("gold", (await session.Contacts.FindByAlternateKeyAsync("erp", "C-4", TestContext.Current.CancellationToken))!.Data.CustomFields["tier"].AsText());
        Assert.Null(await session.Contacts.FindByAlternateKeyAsync("erp", "C-3", TestContext.Current.CancellationToken));
        Assert.Equal(3, (await session.Contacts.CountAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
        Assert.Equal(feedBefore + 3, (await Store.ReadChangesAsync(ContextOf(TenantA), 0, 1000, TestContext.Current.CancellationToken)).Count);
        Assert.Equal(pendingBefore + 3, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A bulk upsert by id creates records with the given ids and updates known ones; a row the reference checks refuse is reported, the others commit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Bulk_upserts_by_id_use_the_given_ids_and_leave_out_refused_rows()
    {
        var known = await InsertAsync(Person("Known"));
        var newId = ContactId.FromGuid(Guid.CreateVersion7());
        var result = await Session().Contacts.UpsertManyAsync(
        [
            new(Person("Created"), newId),
            new(Person("Known, renamed"), known.Id),
            new(Person("Orphan") with { AccountId = AccountId.FromGuid(Guid.CreateVersion7()) }, ContactId.FromGuid(Guid.CreateVersion7())),
            new(Person("Twice"), newId),
        ], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([BulkRowStatus.Created, BulkRowStatus.Updated, BulkRowStatus.Invalid, BulkRowStatus.DuplicateInBatch], result.Rows.Select(r => r.Status));
        Assert.Contains(result.Rows[2].Errors, e => e.Code == CrmErrorCodes.ReferenceNotFound);
        Assert.Equal("Created", (await LoadAsync(newId))!.LastName);
        Assert.Equal("Known, renamed", (await LoadAsync(known.Id))!.LastName);
        Assert.Equal(2, (await Session().Contacts.CountAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
    }

    /// <summary>A bulk upsert runs in a session of its own: staged changes would be committed with it unseen.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Bulk_upserts_refuse_a_session_with_uncommitted_changes()
    {
        var session = Session();
        session.Contacts.Create(Person("Pending"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Contacts.UpsertManyAsync([new(Person("Row"))], "erp", TestContext.Current.CancellationToken));
        Assert.Equal(0, (await Session().Contacts.CountAsync(cancellationToken: TestContext.Current.CancellationToken)).Value);
    }

    /// <summary>A row by id and a row by key that name the same stored record: the record is applied once, the later row reported.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Bulk_upserts_apply_a_record_named_by_id_and_by_key_once()
    {
        var stored = await InsertAsync(new ContactDraft { LastName = "Stored", AlternateKeys = [new AlternateKey("erp", "K-1")] });
        var result = await Session().Contacts.UpsertManyAsync(
        [
            new(Person("By id"), stored.Id),
            new(new ContactDraft { LastName = "By key", AlternateKeys = [new AlternateKey("erp", "K-1")] }),
        ], "erp", TestContext.Current.CancellationToken);

        Assert.Equal([BulkRowStatus.Updated, BulkRowStatus.DuplicateInBatch], result.Rows.Select(r => r.Status));
        Assert.Equal(("By id", 2L), ((await LoadAsync(stored.Id))!.LastName, (await LoadAsync(stored.Id))!.Version));
    }

    /// <summary>A stale write that also claims a taken key is reported as the conflict it is first: reload and retry fixes the version, and then the key is judged.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_stale_write_is_a_conflict_before_its_keys_are_judged()
    {
        await InsertAsync(new ContactDraft { LastName = "A", AlternateKeys = [new AlternateKey("erp", "1")] });
        var b = await InsertAsync(new ContactDraft { LastName = "B", AlternateKeys = [new AlternateKey("erp", "2")] });
        var stale = Session();
        var staleB = (await stale.Contacts.FindAsync(b.Id, TestContext.Current.CancellationToken))!;
        AssertCommitted(await ChangeAsync(b.Id, c => c.SetJobTitle("Changed elsewhere")));
        staleB.SetAlternateKey("erp", "1");
        var result = await stale.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([CrmErrorCodes.ConcurrencyConflict], result.Errors.Select(e => e.Code));
    }

    /// <summary>Custom instants and dates are kept to the years 1–9999 (stores compare them as fixed-width text).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Custom_instants_outside_the_years_1_to_9999_are_refused()
    {
        var session = Session();
        session.Contacts.Create(Person("Ancient") with { CustomFields = new Dictionary<string, CustomFields.ScalarValue> { ["lastSeen"] = NodaTime.Instant.FromUtc(-2, 1, 1, 0, 0) } });
        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Contains(result.Errors, e => e.Code == CrmErrorCodes.OutOfRange && e.Path == "customFields.lastSeen");
    }

    /// <summary>A bulk upsert matches keys within its own tenant only: another tenant's records with the same keys are neither updated nor seen, and each tenant's change feed shows only its own rows.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Bulk_upserts_stay_within_their_tenant()
    {
        var other = await InsertAsync(new ContactDraft { LastName = "Tenant A's", AlternateKeys = [new AlternateKey("erp", "K-1")] }, TenantA);
        var feedA = (await Store.ReadChangesAsync(ContextOf(TenantA), 0, 1000, TestContext.Current.CancellationToken)).Count;
        var result = await Session(TenantB).Contacts.UpsertManyAsync(
        [
            new(new ContactDraft { LastName = "Tenant B's", AlternateKeys = [new AlternateKey("erp", "K-1")] }),
            new(Person("By A's id"), other.Id),
        ], "erp", TestContext.Current.CancellationToken);

        // B's rows create B's own records: A's key and A's id mean nothing in B (ids are keyed per tenant).
        Assert.Equal([BulkRowStatus.Created, BulkRowStatus.Created], result.Rows.Select(r => r.Status));
        Assert.Equal("Tenant A's", (await LoadAsync(other.Id, TenantA))!.LastName);
        Assert.Equal(1L, (await LoadAsync(other.Id, TenantA))!.Version);
        Assert.Equal("Tenant B's", (await Session(TenantB).Contacts.FindByAlternateKeyAsync("erp", "K-1", TestContext.Current.CancellationToken))!.Data.LastName);
        Assert.Equal(feedA, (await Store.ReadChangesAsync(ContextOf(TenantA), 0, 1000, TestContext.Current.CancellationToken)).Count);
        Assert.Equal(2, (await Store.ReadChangesAsync(ContextOf(TenantB), 0, 1000, TestContext.Current.CancellationToken)).Count);
    }
}
