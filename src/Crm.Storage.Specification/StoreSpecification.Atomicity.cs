using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>A commit touching several aggregates applies all of them.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Multi_aggregate_commit_applies_every_write()
    {
        var existing = await InsertAsync(Person("Existing"));
        var session = Session();
        var account = session.Accounts.Create(new AccountDraft { Name = "Together Ltd" });
        var contact = session.Contacts.Create(Person("New") with { AccountId = account.Id });
        (await session.Contacts.FindAsync(existing.Id, TestContext.Current.CancellationToken))!.LinkToAccount(account.Id);

        var summary = AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(3, summary.Written.Count);
        Assert.NotNull(await Session().Accounts.FindAsync(account.Id, TestContext.Current.CancellationToken));
        Assert.Equal(account.Id, (await LoadAsync(contact.Id))!.AccountId);
        Assert.Equal(account.Id, (await LoadAsync(existing.Id))!.AccountId);
    }

    /// <summary>
    /// One failing write (a stale version, placed last) fails the whole commit: the inserts and
    /// updates before it are not written, no change feed entry and no outbox message appear.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Multi_aggregate_commit_with_one_conflict_writes_nothing()
    {
        var victim = await InsertAsync(Person("Victim"));
        var bumped = await InsertAsync(Person("Bumped"));
        var positionBefore = (await Session().ReadChangesAsync(0, 1000, TestContext.Current.CancellationToken)).Count;
        var pendingBefore = await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken);

        var session = Session();
        var account = session.Accounts.Create(new AccountDraft { Name = "Never Ltd" });
        var contact = session.Contacts.Create(Person("Never") with { AccountId = account.Id });
        (await session.Contacts.FindAsync(victim.Id, TestContext.Current.CancellationToken))!.SetJobTitle("Never");
        var stale = (await session.Contacts.FindAsync(bumped.Id, TestContext.Current.CancellationToken))!;
        AssertCommitted(await ChangeAsync(bumped.Id, c => c.SetJobTitle("Other")));
        stale.SetJobTitle("Stale");

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        Assert.Null(await Session().Accounts.FindAsync(account.Id, TestContext.Current.CancellationToken));
        Assert.Null(await LoadAsync(contact.Id));
        Assert.Null((await LoadAsync(victim.Id))!.JobTitle);
        Assert.Equal(positionBefore + 1, (await Session().ReadChangesAsync(0, 1000, TestContext.Current.CancellationToken)).Count);
        Assert.Equal(pendingBefore + 1, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The store itself refuses a request whose write is stale even when the stale write comes last: outcomes say which write failed and that the others were not applied.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Store_reports_an_outcome_per_write_when_a_commit_fails()
    {
        var existing = await InsertAsync(Person("Existing"));
        var fresh = Contact.Create(ContactId.FromGuid(Guid.CreateVersion7()), TenantA, Person("Fresh"), Clock.GetCurrentInstant()).Data with { Version = 1 };
        var request = new CommitRequest(
            [
                new StagedWrite(WriteKind.Insert, fresh.Ref, 0, fresh),
                new StagedWrite(WriteKind.Update, existing.Ref, 7, existing with { Version = 8 }),
            ],
            [],
            null,
            Clock.GetCurrentInstant());

        var result = await Store.CommitAsync(ContextOf(TenantA), request, TestContext.Current.CancellationToken);

        Assert.False(result.Committed);
        Assert.Equal([WriteStatus.NotApplied, WriteStatus.ConcurrencyConflict], result.Outcomes.Select(o => o.Status));
        Assert.Equal(1, result.Outcomes[1].StoredVersion);
        Assert.Null(await LoadAsync(fresh.Id));
    }

    /// <summary>Inserting an id that exists is a duplicate key.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Insert_of_an_existing_id_is_a_duplicate_key()
    {
        var existing = await InsertAsync(Person("Existing"));
        var request = new CommitRequest([new StagedWrite(WriteKind.Insert, existing.Ref, 0, existing with { Version = 1, LastName = "Copy" })], [], null, Clock.GetCurrentInstant());

        var result = await Store.CommitAsync(ContextOf(TenantA), request, TestContext.Current.CancellationToken);

        Assert.Equal(WriteStatus.DuplicateKey, Assert.Single(result.Outcomes).Status);
        Assert.Equal("Existing", (await LoadAsync(existing.Id))!.LastName);
    }
}
