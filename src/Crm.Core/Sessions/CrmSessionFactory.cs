namespace Crm.Sessions;

/// <summary>The default <see cref="ICrmSessionFactory"/>.</summary>
internal sealed class CrmSessionFactory(IOperationContextAccessor accessor, SessionServices services) : ICrmSessionFactory
{
    public CrmSession OpenSession() => OpenSession(accessor.Current
        ?? throw new InvalidOperationException("No operation context is set. Set one with AmbientOperationContextAccessor.Use(...) (or register your own IOperationContextAccessor), or call OpenSession(context)."));

    public CrmSession OpenSession(OperationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new CrmSession(context, services);
    }

    public CrmSession OpenSession(OperationContext context, Storage.ICrmStore store)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(store);
        return new CrmSession(context, services with { Store = store });
    }
}
