using Crm.Customers;
using NodaTime;
using NodaTime.Testing;

namespace Crm.Storage.InMemory.Tests;

/// <summary>The outbox keeps its slots in chunks and drops finished ones: sequences, order and leases survive the drops.</summary>
public sealed class OutboxChunkTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 1, 1, 0, 0);

    [Fact]
    public async Task Finished_chunks_are_dropped_and_later_messages_keep_their_sequences_and_order()
    {
        var clock = new FakeClock(Now);
        var store = new InMemoryCrmStore(clock);
        var context = OperationContext.ForSystem(new TenantId("t"));
        var token = TestContext.Current.CancellationToken;
        var ids = new List<Guid>();
        for (var batch = 0; batch < 3; batch++)
        {
            var contacts = Enumerable.Range(0, 1_000).Select(i => new ContactData { Id = ContactId.FromGuid(Guid.CreateVersion7()), TenantId = context.Tenant, Version = 1, LastName = $"C {batch}-{i}" }).ToList();
            var messages = contacts.Select(c => new OutboxMessage(Guid.CreateVersion7(), context.Tenant, "contact.created", c.Ref, Now, "{}")).ToList();
            ids.AddRange(messages.Select(m => m.EventId));
            var result = await store.CommitAsync(context, new CommitRequest([.. contacts.Select(c => new StagedWrite(WriteKind.Insert, c.Ref, 0, c))], messages, null, Now), token);
            Assert.True(result.Committed);
        }

        // Finish the first 2,500 (two whole chunks and part of the third), in an order that is not the sequence order.
        await store.Outbox.CompleteAsync([.. ids.Take(2_500).Reverse()], token);
        Assert.Equal(500, await store.Outbox.CountPendingAsync(token));

        var claimed = await store.Outbox.ClaimAsync(10, Duration.FromMinutes(1), token);
        Assert.Equal(Enumerable.Range(2_501, 10).Select(i => (long)i), claimed.Select(e => e.Sequence));
        Assert.Equal(ids.Skip(2_500).Take(10), claimed.Select(e => e.Message.EventId));

        // A message of a dropped chunk is gone for good; a later one can still be released and dead-lettered.
        await store.Outbox.CompleteAsync([ids[0]], token);
        await store.Outbox.ReleaseAsync(ids[2_500], Duration.Zero, token);
        await store.Outbox.DeadLetterAsync(ids[2_999], "poison", token);
        var dead = Assert.Single(await store.Outbox.ReadDeadLettersAsync(10, token));
        Assert.Equal(3_000, dead.Entry.Sequence);
        Assert.Equal(499, await store.Outbox.CountPendingAsync(token));

        var next = await store.Outbox.ClaimAsync(1_000, Duration.FromMinutes(1), token);
        Assert.Equal(ids[2_500], next[0].Message.EventId);
        Assert.Equal(1, next[0].Attempts);
        Assert.Equal(489 + 1, next.Count); // the nine still leased wait; the released one comes back
    }
}
