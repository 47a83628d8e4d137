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

    /// <inheritdoc />
    protected override Account Wrap(AccountData data) => new(data);
}
