using Crm.Sessions;

namespace Crm.Hooks;

/// <summary>What a <see cref="ICommitHook"/> sees of a commit, and how it refuses one.</summary>
public sealed class CommitHookContext
{
    private readonly List<CrmError> _errors;

    internal CommitHookContext(CrmSession session, IReadOnlyList<StagedChange> changes, List<CrmError> errors)
    {
        Session = session;
        Changes = changes;
        _errors = errors;
    }

    /// <summary>The session being committed: load records, change aggregates (pre-operation) or stage new ones.</summary>
    public CrmSession Session { get; }

    /// <summary>The staged changes at this stage, in commit order.</summary>
    public IReadOnlyList<StagedChange> Changes { get; }

    /// <summary>The tenant and principal of the commit.</summary>
    public OperationContext OperationContext => Session.Context;

    /// <summary>Refuses the commit: nothing is written and the caller gets this error with the others.</summary>
    /// <param name="error">The error (use a code from <see cref="CrmErrorCodes"/> or the host's own).</param>
    public void Refuse(CrmError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        _errors.Add(error);
    }
}
