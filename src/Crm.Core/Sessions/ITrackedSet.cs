namespace Crm.Sessions;

/// <summary>A set whose pending changes the session collects at commit.</summary>
internal interface ITrackedSet
{
    IEnumerable<PendingChange> PendingChanges();
}
