using NodaTime;

namespace Crm.Storage;

/// <summary>Everything one commit applies, atomically, for one tenant.</summary>
/// <param name="Writes">The staged writes; a record appears at most once.</param>
/// <param name="Outbox">The domain events to store with the writes, in the order they were raised.</param>
/// <param name="IdempotencyKey">A caller's key for this commit (1–200 characters), or <see langword="null"/>. A second commit with the same key in the same tenant applies nothing and returns the first result.</param>
/// <param name="CommittedAt">The commit time, stamped on change feed entries.</param>
public sealed record CommitRequest(IReadOnlyList<StagedWrite> Writes, IReadOnlyList<OutboxMessage> Outbox, string? IdempotencyKey, Instant CommittedAt);
