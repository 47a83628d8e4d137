namespace Crm.Hooks;

/// <summary>
/// Code a host or module runs inside every commit, like the pre- and post-operation stages of the
/// Dataverse plug-in pipeline. Registered in DI (<c>crm.AddCommitHook&lt;T&gt;()</c>, scoped to the
/// commit); hooks run in ascending <see cref="Order"/>, then in registration order. The pipeline:
/// <list type="number">
/// <item><see cref="BeforeValidationAsync"/> (pre-operation): sees the staged changes as the caller
/// made them; may change aggregates (enrich), stage more changes in the session, or refuse.</item>
/// <item>The SDK normalises and validates every staged record.</item>
/// <item><see cref="AfterValidationAsync"/> (post-operation): sees the records as they will be
/// written (normalised, versions and times set); may stage <em>new</em> changes that join the
/// same atomic commit (they are validated too), or refuse. It may not change records already in
/// the commit.</item>
/// <item>The store commits everything or nothing; events go to the outbox.</item>
/// </list>
/// A refusal (<see cref="CommitHookContext.Refuse"/>) fails the commit with the hook's errors and
/// writes nothing. An exception thrown by a hook propagates to the caller; nothing is written.
/// </summary>
public interface ICommitHook
{
    /// <summary>The position in the pipeline: lower runs first (default 0).</summary>
    int Order => 0;

    /// <summary>Pre-operation stage.</summary>
    /// <param name="context">The commit.</param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>A task.</returns>
    ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Post-operation stage.</summary>
    /// <param name="context">The commit, with the records as they will be written.</param>
    /// <param name="cancellationToken">Cancels the commit.</param>
    /// <returns>A task.</returns>
    ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}
