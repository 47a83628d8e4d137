using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>An activity was added to the timeline.</summary>
/// <param name="ActivityId">The activity.</param>
/// <param name="Kind">What kind of activity it is.</param>
[DomainEvent("activity.logged")]
public sealed record ActivityLogged(ActivityId ActivityId, Timeline.ActivityKind Kind) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Activity, ActivityId.Value);
}
