namespace Crm;

/// <summary>
/// The one context every operation runs in: the tenant and the principal. Taken from
/// <see cref="IOperationContextAccessor"/> when a unit of work opens, never from a method argument
/// a caller can forget; stores enforce it at one point.
/// </summary>
/// <param name="Tenant">The tenant whose records the operation may see and change.</param>
/// <param name="Principal">Who performs the operation.</param>
public sealed record OperationContext(TenantId Tenant, CrmPrincipal Principal)
{
    /// <summary>Whether the operation runs as the system (a relay or job) rather than a user.</summary>
    public bool IsSystem => Principal.IsSystem;

    /// <summary>A context for a user of a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="user">The user.</param>
    /// <returns>The context.</returns>
    public static OperationContext ForUser(TenantId tenant, UserId user) => new(tenant, CrmPrincipal.ForUser(user));

    /// <summary>A system context for a tenant, for jobs and relays.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The context.</returns>
    public static OperationContext ForSystem(TenantId tenant) => new(tenant, CrmPrincipal.System);
}
