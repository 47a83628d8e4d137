using Crm.Customers;
using Crm.Events;

namespace Crm.Timeline;

/// <summary>The body record of an activity; changed only through <c>session.Activities</c>, which keeps the activity's preview in step.</summary>
internal sealed class ActivityBody(ActivityBodyData data) : AggregateRoot<ActivityBodyData>(data)
{
    public void Replace(string text, string contentType) => Change(Data with { Text = text, ContentType = contentType });

    // The activity's own events describe the change; the body adds no event of its own.
    protected internal override IDomainEvent? CreatedEvent() => null;

    protected internal override IDomainEvent? UpdatedEvent() => null;

    protected internal override IDomainEvent? DeletedEvent() => null;
}
