namespace Crm;

/// <summary>
/// Who performs an operation: a user with their teams and business unit, or the system (relays,
/// jobs, migrations). Record access scopes, shares and field security will evaluate this
/// principal at the single point where stores enforce the tenant.
/// </summary>
public sealed record CrmPrincipal
{
    private CrmPrincipal(UserId? user, IReadOnlyList<TeamId> teams, BusinessUnitId? businessUnit, bool isSystem)
    {
        User = user;
        Teams = teams;
        BusinessUnit = businessUnit;
        IsSystem = isSystem;
    }

    /// <summary>The user, or <see langword="null"/> for the system.</summary>
    public UserId? User { get; }

    /// <summary>The user's teams.</summary>
    public IReadOnlyList<TeamId> Teams { get; }

    /// <summary>The user's business unit, if the host has them.</summary>
    public BusinessUnitId? BusinessUnit { get; }

    /// <summary>Whether this is the system itself rather than a person.</summary>
    public bool IsSystem { get; }

    /// <summary>The system principal, for relays, scheduled jobs and imports run by the host.</summary>
    public static CrmPrincipal System { get; } = new(null, [], null, true);

    /// <summary>A user principal.</summary>
    /// <param name="user">The user.</param>
    /// <param name="teams">The user's teams.</param>
    /// <param name="businessUnit">The user's business unit.</param>
    /// <returns>The principal.</returns>
    public static CrmPrincipal ForUser(UserId user, IEnumerable<TeamId>? teams = null, BusinessUnitId? businessUnit = null) =>
        new(user, [.. teams ?? []], businessUnit, false);

    /// <summary>The user's key, or <c>system</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsSystem ? "system" : User!.Value.Value;
}
