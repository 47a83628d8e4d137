using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>The names of the malformed requests of <see cref="Malformed_commit_request_is_refused_and_writes_nothing"/>.</summary>
    public static TheoryData<string> MalformedRequestNames => ["update-without-data", "data-of-another-record", "wrong-version-stamp", "insert-stamped-version-5", "outbox-for-another-tenant", "duplicate-event-id", "event-id-already-in-the-outbox"];

    /// <summary>
    /// A request that breaks the contract (a bug in the caller) is refused — by an exception or a
    /// failed result — and nothing of it is applied: no record, no change feed entry, no event.
    /// </summary>
    /// <param name="caseName">The malformed request.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(MalformedRequestNames))]
    public async Task Malformed_commit_request_is_refused_and_writes_nothing(string caseName)
    {
        var existing = await InsertAsync(Person("Existing"));
        var sent = (await Store.Outbox.ClaimAsync(10, NodaTime.Duration.FromMinutes(1), TestContext.Current.CancellationToken)).Single().Message;
        await Store.Outbox.CompleteAsync([], TestContext.Current.CancellationToken);
        var now = Clock.GetCurrentInstant();
        var fresh = Contact.Create(ContactId.FromGuid(Guid.CreateVersion7()), TenantA, Person("Fresh"), now).Data with { Version = 1 };
        var good = new StagedWrite(WriteKind.Insert, fresh.Ref, 0, fresh);
        OutboxMessage Event(TenantId tenant, Guid? id = null) => new(id ?? Guid.CreateVersion7(), tenant, "contact.created", fresh.Ref, now, "{}");
        var request = caseName switch
        {
            "update-without-data" => new CommitRequest([good, new StagedWrite(WriteKind.Update, existing.Ref, 1, null)], [], null, now),
            "data-of-another-record" => new CommitRequest([good, new StagedWrite(WriteKind.Update, existing.Ref, 1, fresh with { Version = 2 })], [], null, now),
            "wrong-version-stamp" => new CommitRequest([good, new StagedWrite(WriteKind.Update, existing.Ref, 1, existing with { Version = 7 })], [], null, now),
            "insert-stamped-version-5" => new CommitRequest([good with { Data = fresh with { Version = 5 } }], [], null, now),
            "outbox-for-another-tenant" => new CommitRequest([good], [Event(TenantB)], null, now),
            "duplicate-event-id" => new CommitRequest([good], [Event(TenantA, existing.Key), Event(TenantA, existing.Key)], null, now),
            "event-id-already-in-the-outbox" => new CommitRequest([good], [Event(TenantA, sent.EventId)], null, now),
            _ => throw new ArgumentOutOfRangeException(nameof(caseName), caseName, null),
        };

        var refused = true;
        try
        {
            refused = !(await Store.CommitAsync(ContextOf(TenantA), request, TestContext.Current.CancellationToken)).Committed;
        }
        catch (ArgumentException)
        {
        }

        Assert.True(refused, $"The store accepted the malformed request '{caseName}'.");
        Assert.Null(await LoadAsync(fresh.Id));
        Assert.Equal(1, (await LoadAsync(existing.Id))!.Version);
        Assert.Single(await Session().ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
        Assert.Equal(1L, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await Session(TenantB).ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
    }
}
