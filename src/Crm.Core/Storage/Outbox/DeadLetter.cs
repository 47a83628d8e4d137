namespace Crm.Storage;

/// <summary>An outbox message whose delivery was abandoned.</summary>
/// <param name="Entry">The message and how often its delivery was tried.</param>
/// <param name="Reason">Why it was abandoned.</param>
public sealed record DeadLetter(OutboxEntry Entry, string Reason);
