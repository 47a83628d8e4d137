namespace Crm;

/// <summary>
/// Supplies the current <see cref="OperationContext"/>. The default implementation,
/// <see cref="AmbientOperationContextAccessor"/>, flows a context set with
/// <see cref="AmbientOperationContextAccessor.Use(OperationContext)"/> across awaits; a host
/// replaces it to map its own users and tenants (e.g. from the HTTP request's claims).
/// </summary>
public interface IOperationContextAccessor
{
    /// <summary>The current context, or <see langword="null"/> when none is set.</summary>
    OperationContext? Current { get; }
}
