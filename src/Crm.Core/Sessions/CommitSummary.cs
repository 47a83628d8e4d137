namespace Crm.Sessions;

/// <summary>What a successful commit did.</summary>
/// <param name="Position">The tenant's change feed position after the commit (0 when there was nothing to write).</param>
/// <param name="Replayed">Whether the idempotency key had already committed, so this call applied nothing new.</param>
/// <param name="Written">The records inserted, updated or deleted.</param>
public sealed record CommitSummary(long Position, bool Replayed, IReadOnlyList<RecordRef> Written);
