using Crm.Events;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>Events of a commit are stored with it and claimable in order with their ids and payloads.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Committed_events_are_claimable_in_commit_order()
    {
        var first = await InsertAsync(Person("First"));
        var second = await InsertAsync(Person("Second"));

        var claimed = await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(2, claimed.Count);
        Assert.Equal([first.Ref, second.Ref], claimed.Select(c => c.Message.Subject));
        Assert.All(claimed, c => Assert.Equal("contact.created", c.Message.EventType));
        Assert.True(claimed[0].Sequence < claimed[1].Sequence);
        Assert.Contains(first.Id.ToString(), claimed[0].Message.Payload, StringComparison.Ordinal);
        Assert.Equal(TenantA, claimed[0].Message.Tenant);
        Assert.NotEqual(claimed[0].Message.EventId, claimed[1].Message.EventId);
    }

    /// <summary>While an aggregate's event is claimed, its later events wait; other aggregates' events do not.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Later_events_of_an_aggregate_wait_for_its_claimed_event()
    {
        var contact = await InsertAsync(Person("Ordered"));
        var firstClaim = await Store.Outbox.ClaimAsync(1, Duration.FromMinutes(1), TestContext.Current.CancellationToken);
        AssertCommitted(await ChangeAsync(contact.Id, c => c.SetJobTitle("Next")));
        var other = await InsertAsync(Person("Other"));

        var secondClaim = await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal("contact.created", Assert.Single(firstClaim).Message.EventType);
        Assert.Equal(other.Ref, Assert.Single(secondClaim).Message.Subject);

        await Store.Outbox.CompleteAsync([firstClaim[0].Message.EventId], TestContext.Current.CancellationToken);
        var thirdClaim = await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Equal("contact.updated", Assert.Single(thirdClaim).Message.EventType);
    }

    /// <summary>An event whose relay died (lease over, not completed) is claimed again, with its attempt count.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Event_whose_lease_expired_is_claimed_again()
    {
        await InsertAsync(Person("Redelivered"));
        var first = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Empty(await Store.Outbox.ClaimAsync(10, Duration.FromSeconds(30), TestContext.Current.CancellationToken));

        Clock.Advance(Duration.FromSeconds(31));
        var again = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromSeconds(30), TestContext.Current.CancellationToken));

        Assert.Equal(first.Message.EventId, again.Message.EventId);
        Assert.Equal(0, first.Attempts);
        Assert.Equal(1, again.Attempts);
    }

    /// <summary>One claim takes at most one event per aggregate: the next one only after the first is completed.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task A_claim_takes_at_most_one_event_per_aggregate()
    {
        var session = Session();
        var contact = session.Contacts.Create(Person("Busy"));
        contact.SetConsent(Customers.ContactChannel.Email, Customers.ConsentStatus.Granted, Clock.GetCurrentInstant());
        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));

        var first = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken));
        await Store.Outbox.CompleteAsync([first.Message.EventId], TestContext.Current.CancellationToken);
        var second = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken));

        Assert.Equal("contact.created", first.Message.EventType);
        Assert.Equal("customer.consent_changed", second.Message.EventType);
    }

    /// <summary>Completed events are gone; released ones come back after their delay.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Completed_events_are_not_claimed_again_and_released_ones_return_later()
    {
        await InsertAsync(Person("Done"));
        await InsertAsync(Person("Retried"));
        var claimed = await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken);
        await Store.Outbox.CompleteAsync([claimed[0].Message.EventId], TestContext.Current.CancellationToken);
        await Store.Outbox.ReleaseAsync(claimed[1].Message.EventId, Duration.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Empty(await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken));
        Clock.Advance(Duration.FromSeconds(11));
        var retried = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken));

        Assert.Equal(claimed[1].Message.EventId, retried.Message.EventId);
        Assert.Equal(1L, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A dead-lettered event is no longer pending or claimable, is kept with its reason, and unblocks its aggregate's later events.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dead_lettered_event_is_kept_aside_and_unblocks_its_aggregate()
    {
        var contact = await InsertAsync(Person("Poison"));
        AssertCommitted(await ChangeAsync(contact.Id, c => c.SetJobTitle("Next")));
        var poison = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken));

        await Store.Outbox.DeadLetterAsync(poison.Message.EventId, "handler keeps failing", TestContext.Current.CancellationToken);
        var next = Assert.Single(await Store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), TestContext.Current.CancellationToken));
        var dead = Assert.Single(await Store.Outbox.ReadDeadLettersAsync(10, TestContext.Current.CancellationToken));

        Assert.Equal("contact.updated", next.Message.EventType);
        Assert.Equal(poison.Message.EventId, dead.Entry.Message.EventId);
        Assert.Equal("handler keeps failing", dead.Reason);
        Assert.Equal(1L, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>The dispatcher delivers each committed event to the DI handlers once and completes it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Dispatcher_delivers_committed_events_and_completes_them()
    {
        var inserted = await InsertAsync(Person("Delivered"));
        var dispatcher = (OutboxDispatcher)Services.GetService(typeof(OutboxDispatcher))!;

        var delivered = await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);

        Assert.Equal(1, delivered);
        Assert.Equal(0L, await Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.NotNull(inserted);
    }
}
