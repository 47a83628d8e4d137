namespace Crm.Sessions.Bulk;

/// <summary>The outcome of one row of a bulk upsert.</summary>
/// <param name="Row">The row's index in the batch.</param>
/// <param name="Status">What happened.</param>
/// <param name="Record">The record written or matched, when there is one.</param>
/// <param name="Errors">Why the row was not written (empty when it was).</param>
public sealed record BulkRowOutcome(int Row, BulkRowStatus Status, RecordRef? Record, IReadOnlyList<CrmError> Errors)
{
    /// <summary>Whether the row was written.</summary>
    public bool IsWritten => Status is BulkRowStatus.Created or BulkRowStatus.Updated;
}
