namespace Crm.Sessions.Bulk;

/// <summary>The result of a bulk upsert: one outcome per row, in row order.</summary>
/// <param name="Rows">The outcomes.</param>
/// <param name="Position">The tenant's change feed position after the commit (0 when nothing was written).</param>
public sealed record BulkUpsertResult(IReadOnlyList<BulkRowOutcome> Rows, long Position)
{
    /// <summary>How many rows created a record.</summary>
    public int Created => Rows.Count(r => r.Status == BulkRowStatus.Created);

    /// <summary>How many rows updated a record.</summary>
    public int Updated => Rows.Count(r => r.Status == BulkRowStatus.Updated);

    /// <summary>How many rows were not written.</summary>
    public int Failed => Rows.Count(r => !r.IsWritten);
}
