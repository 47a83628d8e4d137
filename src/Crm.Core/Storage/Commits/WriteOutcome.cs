namespace Crm.Storage;

/// <summary>The outcome of one staged write.</summary>
/// <param name="Record">The record.</param>
/// <param name="Status">What happened.</param>
/// <param name="StoredVersion">The version now stored (after a write), or found (on a conflict); <see langword="null"/> when there is none.</param>
/// <param name="Detail">For a duplicate key, the key (<c>id</c> or <c>name=value</c>); otherwise <see langword="null"/>.</param>
public sealed record WriteOutcome(RecordRef Record, WriteStatus Status, long? StoredVersion = null, string? Detail = null);
