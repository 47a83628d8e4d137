using Crm.Customers;
using Crm.Hooks;

namespace Crm.Storage.Specification;

/// <summary>Records what the kit's commit hooks saw.</summary>
public sealed class KitHookJournal
{
    private readonly List<string> _lines = [];

    /// <summary>The lines, in order.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    internal void Add(string line)
    {
        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}

/// <summary>Runs first (lower order); refuses contacts named "Refused by hook".</summary>
internal sealed class KitEarlyHook(KitHookJournal journal) : ICommitHook
{
    public int Order => -1;

    public ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
    {
        journal.Add("early:before");
        foreach (var change in context.Changes)
        {
            if (change.Data is ContactData { LastName: "Refused by hook" } contact)
            {
                context.Refuse(new CrmError("kit.refused", "The kit's hook refuses this contact.", "lastName", contact.Ref));
            }
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
    {
        journal.Add("early:after");
        return ValueTask.CompletedTask;
    }
}

/// <summary>Runs second.</summary>
internal sealed class KitLateHook(KitHookJournal journal) : ICommitHook
{
    public ValueTask BeforeValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
    {
        journal.Add("late:before");
        return ValueTask.CompletedTask;
    }

    public ValueTask AfterValidationAsync(CommitHookContext context, CancellationToken cancellationToken)
    {
        journal.Add("late:after");
        return ValueTask.CompletedTask;
    }
}
