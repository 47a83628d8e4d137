using Crm.Customers;

namespace Crm.Sessions;

/// <summary>A set whose pending changes the session collects at commit.</summary>
internal interface ITrackedSet
{
    IEnumerable<PendingChange> PendingChanges();

    /// <summary>The change is stored: an insert or update becomes the aggregate's committed state, a delete is forgotten.</summary>
    void Committed(PendingChange change, AggregateData? committed);
}
