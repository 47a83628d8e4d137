using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Events;

/// <summary>An activity was deleted.</summary>
/// <param name="ActivityId">The activity.</param>
[DomainEvent("activity.deleted")]
public sealed record ActivityDeleted(ActivityId ActivityId) : IDomainEvent
{
    /// <inheritdoc />
    [JsonIgnore]
    public RecordRef Subject => new(EntityTypes.Activity, ActivityId.Value);
}
