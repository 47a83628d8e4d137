using Crm.Sessions;

namespace Crm.Timeline;

/// <summary>The activity bodies of a session; reached only through <see cref="ActivitySet"/>.</summary>
internal sealed class ActivityBodySet(CrmSession session) : AggregateSet<ActivityBody, ActivityBodyData, ActivityId>(session)
{
    protected override ActivityBody Wrap(ActivityBodyData data) => new(data);
}
