using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>An activity (or its body) changed, e.g. a task was completed.</summary>
/// <param name="ActivityId">The activity.</param>
[DomainEvent("activity.updated")]
public sealed record ActivityUpdated(ActivityId ActivityId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Activity, ActivityId.Value);
}
