using Crm.Events;

namespace Crm.Samples.Quickstart;

/// <summary>An event handler a host registers: here it only prints; a real one would sync the ERP.</summary>
internal sealed class PrintNewContacts : IDomainEventHandler<ContactCreated>
{
    public Task HandleAsync(ContactCreated domainEvent, DomainEventContext context, CancellationToken cancellationToken)
    {
        Console.WriteLine($"   event {context.EventType} for {domainEvent.ContactId} (delivery {context.Attempt}, event id {context.EventId})");
        return Task.CompletedTask;
    }
}
