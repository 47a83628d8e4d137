namespace Crm.Storage;

/// <summary>The result of <see cref="ICrmStore.CommitAsync"/>.</summary>
/// <param name="Outcomes">One outcome per staged write, in request order.</param>
/// <param name="Position">The tenant's change feed position after the commit (its last entry), or 0 when nothing was applied.</param>
/// <param name="Replayed">Whether the idempotency key had already committed, so nothing was applied now.</param>
public sealed record CommitResult(IReadOnlyList<WriteOutcome> Outcomes, long Position, bool Replayed = false)
{
    /// <summary>Whether every write was applied.</summary>
    public bool Committed => Outcomes.All(o => o.Status == WriteStatus.Written);
}
