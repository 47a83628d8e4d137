namespace Crm.Sessions;

/// <summary>Opens units of work (<see cref="CrmSession"/>). Registered by <c>services.AddCrm(...)</c>.</summary>
public interface ICrmSessionFactory
{
    /// <summary>Opens a unit of work in the current operation context (<see cref="IOperationContextAccessor"/>).</summary>
    /// <returns>The session.</returns>
    /// <exception cref="InvalidOperationException">No operation context is set.</exception>
    CrmSession OpenSession();

    /// <summary>Opens a unit of work in an explicit context (jobs, relays, tests).</summary>
    /// <param name="context">The context.</param>
    /// <returns>The session.</returns>
    CrmSession OpenSession(OperationContext context);

    /// <summary>
    /// Opens a unit of work in an explicit context over a given view of the store, e.g. a relational
    /// store joined to the host's own transaction, so that the host's writes and the session's
    /// commit succeed or fail together.
    /// </summary>
    /// <param name="context">The context.</param>
    /// <param name="store">The store view the session reads from and commits to.</param>
    /// <returns>The session.</returns>
    CrmSession OpenSession(OperationContext context, Storage.ICrmStore store);
}
