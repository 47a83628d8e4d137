using Crm.Customers;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>A stale version fails with a conflict naming the record, and the commit writes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Commit_with_stale_version_fails_and_writes_nothing()
    {
        var inserted = await InsertAsync(Person("Contended"));
        var stale = Session();
        var staleContact = (await stale.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
        AssertCommitted(await ChangeAsync(inserted.Id, c => c.SetJobTitle("Winner")));

        staleContact.SetJobTitle("Loser");
        var bystander = stale.Contacts.Create(Person("Bystander"));
        var result = await stale.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CrmErrorCodes.ConcurrencyConflict, error.Code);
        Assert.Equal(inserted.Ref, error.Record);
        var stored = (await LoadAsync(inserted.Id))!;
        Assert.Equal("Winner", stored.JobTitle);
        Assert.Equal(2, stored.Version);
        Assert.Null(await LoadAsync(bystander.Id));
    }

    /// <summary>A stale delete fails and the record stays.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Delete_with_stale_version_fails()
    {
        var inserted = await InsertAsync(Person("Kept"));
        var stale = Session();
        var staleContact = (await stale.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
        AssertCommitted(await ChangeAsync(inserted.Id, c => c.SetJobTitle("Changed")));

        stale.Contacts.Remove(staleContact);
        var result = await stale.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CrmErrorCodes.ConcurrencyConflict, Assert.Single(result.Errors).Code);
        Assert.NotNull(await LoadAsync(inserted.Id));
    }

    /// <summary>Updating a record someone deleted reports it as not found.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Update_of_a_deleted_record_reports_not_found()
    {
        var inserted = await InsertAsync(Person("Vanishing"));
        var late = Session();
        var lateContact = (await late.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
        AssertCommitted(await DeleteAsync(inserted.Id));

        lateContact.SetJobTitle("Too late");
        var result = await late.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CrmErrorCodes.NotFound, Assert.Single(result.Errors).Code);
        Assert.Null(await LoadAsync(inserted.Id));
    }

    /// <summary>
    /// Writers held at a barrier after loading the same record all commit at once: at least one
    /// conflicts, each retries after reloading, and in the end every write is kept and the version
    /// is 1 + the number of successful commits.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Concurrent_writers_at_a_barrier_lose_no_update()
    {
        var inserted = await InsertAsync(Person("Hot"));
        var writers = ConcurrentWriters;
        var loaded = 0;
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var conflicts = 0;
        var successes = 0;

        async Task WriteAsync(int writer)
        {
            var first = true;
            for (var attempt = 0; attempt < 200; attempt++)
            {
                var session = Session();
                var contact = (await session.Contacts.FindAsync(inserted.Id, TestContext.Current.CancellationToken))!;
                if (first)
                {
                    first = false;
                    if (Interlocked.Increment(ref loaded) == writers)
                    {
                        barrier.SetResult();
                    }

                    await barrier.Task;
                }

                contact.Tag($"writer-{writer}");
                var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
                if (result.IsSuccess)
                {
                    Interlocked.Increment(ref successes);
                    return;
                }

                Assert.Equal(CrmErrorCodes.ConcurrencyConflict, Assert.Single(result.Errors).Code);
                Interlocked.Increment(ref conflicts);
            }

            Assert.Fail($"Writer {writer} never committed.");
        }

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w), TestContext.Current.CancellationToken)));

        var stored = (await LoadAsync(inserted.Id))!;
        Assert.True(conflicts >= 1, "Writers that loaded the same version must conflict.");
        Assert.Equal(writers, successes);
        Assert.Equal(Enumerable.Range(0, writers).Select(w => $"writer-{w}").Order(StringComparer.Ordinal), stored.Tags.Order(StringComparer.Ordinal));
        Assert.Equal(1 + successes, stored.Version);
    }
}
