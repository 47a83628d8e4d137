using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>A record loads by its alternate key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Record_loads_by_alternate_key()
    {
        var inserted = await InsertAsync(Person("Keyed") with { AlternateKeys = [new AlternateKey("erpNumber", "C-100"), new AlternateKey("legacyId", "42")] });

        var byErp = await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "C-100", TestContext.Current.CancellationToken);
        var byLegacy = await Session().Contacts.FindByAlternateKeyAsync("legacyId", "42", TestContext.Current.CancellationToken);

        Assert.Equal(inserted.Id, byErp?.Id);
        Assert.Equal(inserted.Id, byLegacy?.Id);
    }

    /// <summary>Alternate key values compare exactly: another case or key name finds nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Alternate_key_lookup_is_exact()
    {
        await InsertAsync(Person("Exact") with { AlternateKeys = [new AlternateKey("erpNumber", "C-100")] });

        Assert.Null(await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "c-100", TestContext.Current.CancellationToken));
        Assert.Null(await Session().Contacts.FindByAlternateKeyAsync("erpnumber", "C-100", TestContext.Current.CancellationToken));
        Assert.Null(await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "C-100 ", TestContext.Current.CancellationToken));
        Assert.Null(await Session().Accounts.FindByAlternateKeyAsync("erpNumber", "C-100", TestContext.Current.CancellationToken));
    }

    /// <summary>A second record with a taken key is refused, naming the key, and nothing of the commit is written.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Duplicate_alternate_key_is_refused_and_nothing_is_written()
    {
        await InsertAsync(Person("First") with { AlternateKeys = [new AlternateKey("erpNumber", "C-7")] });
        var session = Session();
        var innocent = session.Contacts.Create(Person("Innocent"));
        var duplicate = session.Contacts.Create(Person("Second") with { AlternateKeys = [new AlternateKey("erpNumber", "C-7")] });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CrmErrorCodes.DuplicateKey, error.Code);
        Assert.Equal(duplicate.Data.Ref, error.Record);
        Assert.Contains("erpNumber=C-7", error.Message, StringComparison.Ordinal);
        Assert.Null(await LoadAsync(innocent.Id));
        Assert.Null(await LoadAsync(duplicate.Id));
    }

    /// <summary>Two records of one commit claiming the same key: refused.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Same_alternate_key_twice_in_one_commit_is_refused()
    {
        var session = Session();
        var first = session.Contacts.Create(Person("One") with { AlternateKeys = [new AlternateKey("erpNumber", "C-8")] });
        var second = session.Contacts.Create(Person("Two") with { AlternateKeys = [new AlternateKey("erpNumber", "C-8")] });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(result.Errors, e => e.Code == CrmErrorCodes.DuplicateKey);
        Assert.Null(await LoadAsync(first.Id));
        Assert.Null(await LoadAsync(second.Id));
    }

    /// <summary>A key can move from one record to another in one commit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Alternate_key_can_move_between_records_in_one_commit()
    {
        var from = await InsertAsync(Person("From") with { AlternateKeys = [new AlternateKey("erpNumber", "C-9")] });
        var to = await InsertAsync(Person("To"));
        var session = Session();
        var toContact = (await session.Contacts.FindAsync(to.Id, TestContext.Current.CancellationToken))!;
        var fromContact = (await session.Contacts.FindAsync(from.Id, TestContext.Current.CancellationToken))!;
        toContact.SetAlternateKey("erpNumber", "C-9");
        fromContact.RemoveAlternateKey("erpNumber");

        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(to.Id, (await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "C-9", TestContext.Current.CancellationToken))?.Id);
    }

    /// <summary>
    /// A record deleted in a commit frees its key for a record inserted in the same commit, whatever
    /// order the session writes them in (it writes deletes last): stores judge uniqueness on the
    /// state the commit leaves.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_deleted_records_key_can_go_to_a_new_record_in_the_same_commit()
    {
        var old = await InsertAsync(Person("Old") with { AlternateKeys = [new AlternateKey("erpNumber", "K-1")] });
        var session = Session();
        session.Contacts.Remove((await session.Contacts.FindAsync(old.Id, TestContext.Current.CancellationToken))!);
        var successor = session.Contacts.Create(Person("Successor") with { AlternateKeys = [new AlternateKey("erpNumber", "K-1")] });

        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(successor.Id, (await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "K-1", TestContext.Current.CancellationToken))?.Id);
    }

    /// <summary>Changing a key frees its old value for another record; deleting frees all keys.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Changed_or_deleted_alternate_keys_are_freed()
    {
        var changed = await InsertAsync(Person("Changed") with { AlternateKeys = [new AlternateKey("erpNumber", "OLD")] });
        var deleted = await InsertAsync(Person("Deleted") with { AlternateKeys = [new AlternateKey("erpNumber", "GONE")] });
        var session = Session();
        (await session.Contacts.FindAsync(changed.Id, TestContext.Current.CancellationToken))!.SetAlternateKey("erpNumber", "NEW");
        session.Contacts.Remove((await session.Contacts.FindAsync(deleted.Id, TestContext.Current.CancellationToken))!);
        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Null(await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "OLD", TestContext.Current.CancellationToken));
        Assert.Null(await Session().Contacts.FindByAlternateKeyAsync("erpNumber", "GONE", TestContext.Current.CancellationToken));
        await InsertAsync(Person("Reuser") with { AlternateKeys = [new AlternateKey("erpNumber", "OLD")] });
        await InsertAsync(Person("Reuser 2") with { AlternateKeys = [new AlternateKey("erpNumber", "GONE")] });
    }

    /// <summary>Keys are unique per tenant, not across tenants.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Same_alternate_key_in_two_tenants_is_allowed()
    {
        var a = await InsertAsync(Person("A") with { AlternateKeys = [new AlternateKey("erpNumber", "SHARED")] }, TenantA);
        var b = await InsertAsync(Person("B") with { AlternateKeys = [new AlternateKey("erpNumber", "SHARED")] }, TenantB);

        Assert.Equal(a.Id, (await Session(TenantA).Contacts.FindByAlternateKeyAsync("erpNumber", "SHARED", TestContext.Current.CancellationToken))?.Id);
        Assert.Equal(b.Id, (await Session(TenantB).Contacts.FindByAlternateKeyAsync("erpNumber", "SHARED", TestContext.Current.CancellationToken))?.Id);
    }

    /// <summary>An alternate key lookup never crosses tenants.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Alternate_key_lookup_never_returns_another_tenants_record()
    {
        await InsertAsync(Person("Only B") with { AlternateKeys = [new AlternateKey("erpNumber", "B-ONLY")] }, TenantB);

        var found = await Store.Records<ContactData>().FindByAlternateKeyAsync(ContextOf(TenantA), "erpNumber", "B-ONLY", TestContext.Current.CancellationToken);

        Assert.Null(found);
    }
}
