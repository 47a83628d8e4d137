namespace Crm.Storage;

/// <summary>A claimed outbox message.</summary>
/// <param name="Sequence">The store-wide order of the message (commit order, then raise order).</param>
/// <param name="Message">The message.</param>
/// <param name="Attempts">How many deliveries were tried before this one.</param>
public sealed record OutboxEntry(long Sequence, OutboxMessage Message, int Attempts);
