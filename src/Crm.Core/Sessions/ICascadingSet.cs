namespace Crm.Sessions;

/// <summary>A set whose deletes remove owned records of another family; the session asks it before collecting a commit's changes.</summary>
internal interface ICascadingSet
{
    Task CascadeDeletesAsync(CancellationToken cancellationToken);
}
