using System.Text.Json;
using Crm.Events;
using Crm.Json;
using Crm.Storage;

namespace Crm.Core.Tests.Json;

/// <summary>The outbox payload writer (a writer kept per thread) writes what the serializer writes.</summary>
public sealed class EventPayloadTests
{
    [Fact]
    public void Payloads_equal_the_serializers_output_before_and_after_a_payload_too_large_to_keep_the_buffer_for()
    {
        IDomainEvent[] events =
        [
            new ContactCreated(ContactId.FromGuid(Guid.CreateVersion7())),
            new AccountCreated(AccountId.FromGuid(Guid.CreateVersion7())),
            new NotedEvent(new RecordRef(EntityTypes.Contact, Guid.CreateVersion7()), new string('x', 40_000) + "\"ü+'\u2028"),
            new ContactCreated(ContactId.FromGuid(Guid.CreateVersion7())),
            new NotedEvent(new RecordRef(EntityTypes.Account, Guid.CreateVersion7()), "short"),
        ];

        foreach (var domainEvent in events)
        {
            Assert.Equal(JsonSerializer.Serialize(domainEvent, CrmJson.Options.GetTypeInfo(domainEvent.GetType())), EventPayloads.Serialize(domainEvent));
        }
    }

    [Fact]
    public void A_payload_that_fails_to_serialize_leaves_the_next_one_intact()
    {
        Assert.ThrowsAny<Exception>(() => EventPayloads.Serialize(new FailingEvent()));
        var next = new ContactCreated(ContactId.FromGuid(Guid.CreateVersion7()));
        Assert.Equal(JsonSerializer.Serialize(next, CrmJson.Options.GetTypeInfo(typeof(ContactCreated))), EventPayloads.Serialize(next));
    }

    private sealed record NotedEvent(RecordRef Subject, string Note) : IDomainEvent;

    private sealed class FailingEvent : IDomainEvent
    {
        public RecordRef Subject => new(EntityTypes.Contact, Guid.Empty);

        public string First => "written before the failure";

        public string Boom => throw new InvalidOperationException("boom");
    }
}
