using NodaTime;

namespace Crm.Storage;

/// <summary>
/// One change in a tenant's change feed. Positions increase by one per changed record, in commit
/// order, with no gaps within the tenant; a sync client keeps the last position it processed.
/// UUIDv7 ids are not a sync position: ids are minted before commits, which may land out of order.
/// </summary>
/// <param name="Position">The position in the tenant's feed (1, 2, 3, ...).</param>
/// <param name="Record">The record.</param>
/// <param name="Kind">Upserted or deleted.</param>
/// <param name="Version">The record's version after the change (for a delete, the last version it had).</param>
/// <param name="CommittedAt">The commit time.</param>
public sealed record ChangeFeedEntry(long Position, RecordRef Record, ChangeKind Kind, long Version, Instant CommittedAt);
