using Crm.Customers;

namespace Crm.Sessions;

/// <summary>The accounts of a session.</summary>
public sealed class AccountSet : AggregateSet<Account, AccountData, AccountId>
{
    internal AccountSet(CrmSession session)
        : base(session)
    {
    }

    /// <summary>Creates an account from a draft (new UUIDv7 id, the session's tenant, now) and adds it to be inserted on commit.</summary>
    /// <param name="draft">The caller's data; validated on commit.</param>
    /// <returns>The new account.</returns>
    public Account Create(AccountDraft draft)
    {
        var account = Account.Create(AccountId.FromGuid(Session.NewId()), Session.Context.Tenant, draft, Session.Now);
        Add(account);
        return account;
    }

    /// <summary>The account's ancestors in its group, nearest first (parent, grandparent, ...), as stored and tracked.</summary>
    /// <param name="id">The account.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The ancestors; empty for a top-level or unknown account.</returns>
    public async Task<IReadOnlyList<Account>> GetAncestorsAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        var ancestors = new List<Account>();
        var seen = new HashSet<AccountId> { id };
        var current = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        while (current?.Data.ParentAccountId is { } parent && seen.Add(parent))
        {
            current = await FindAsync(parent, cancellationToken).ConfigureAwait(false);
            if (current is not null)
            {
                ancestors.Add(current);
            }
        }

        return ancestors;
    }

    /// <summary>All accounts below an account in its group (children, grandchildren, ...), level by level, by querying <c>parentAccountId</c>.</summary>
    /// <param name="id">The account.</param>
    /// <param name="cancellationToken">Cancels the queries.</param>
    /// <returns>The descendants.</returns>
    public async Task<IReadOnlyList<Account>> GetDescendantsAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        var descendants = new List<Account>();
        var seen = new HashSet<AccountId> { id };
        var level = new Queue<AccountId>([id]);
        while (level.TryDequeue(out var parent))
        {
            var query = new Storage.Querying.RecordQuery { Filter = Storage.Querying.Filter.Equal("parentAccountId", parent.ToString()), PageSize = Storage.PageRequest.MaxPageSize };
            while (true)
            {
                var page = (await QueryAsync(query, cancellationToken).ConfigureAwait(false)).Value!;
                foreach (var child in page.Items.Where(c => seen.Add(c.Id)))
                {
                    descendants.Add(child);
                    level.Enqueue(child.Id);
                }

                if (page.NextCursor is null)
                {
                    break;
                }

                query = query with { Cursor = page.NextCursor };
            }
        }

        return descendants;
    }

    /// <inheritdoc />
    protected override Account Wrap(AccountData data) => new(data);
}
