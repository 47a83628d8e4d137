using Crm.Customers;
using Crm.Purchases;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.Querying;
using Crm.Timeline;
using NodaTime;

namespace Crm.Views;

/// <summary>
/// Read-only views over the customer model, reached with <c>session.Views</c>. They read committed
/// data straight from the store through the families' indexes (no aggregates are tracked), so a
/// view costs a few index lookups, however many customers the tenant has. Each part is read as
/// committed when it is read; a commit landing between two parts can show in one and not the other.
/// </summary>
public sealed class CustomerViews
{
    /// <summary>How many recent activities, purchase lines and open tasks a 360 view lists.</summary>
    public const int RecentCount = 20;

    /// <summary>The most contacts an account's 360 view lists (<see cref="AccountView.ContactCount"/> counts all).</summary>
    public const int MaxContacts = 100;

    private const int PurchasePage = 1000;
    private static readonly ContactChannel[] Channels = Enum.GetValues<ContactChannel>();
    private static readonly SortKey[] ByOrderDate = [SortKey.Descending("orderedOn")];
    private static readonly SortKey[] Newest = [SortKey.Descending("occurredAt")];
    private static readonly SortKey[] ByDueTime = [SortKey.Ascending("dueAt")];
    private readonly CrmSession _session;

    internal CustomerViews(CrmSession session) => _session = session;

    private ICrmStore Store => _session.Services.Store;

    private OperationContext Context => _session.Context;

    /// <summary>The 360 view of an account.</summary>
    /// <param name="id">The account.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The view, or <see langword="null"/> when the tenant has no such account.</returns>
    public async Task<AccountView?> GetAccountViewAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        // The parts are independent: a store that allows it reads them at the same time.
        var key = id.ToString();
        var (account, contacts, timeline, purchases) = await ReadAsync(
            () => Store.Records<AccountData>().FindAsync(Context, id.Value, cancellationToken).AsTask(),
            () => QueryAsync<ContactData>(Filter.Equal("accountIds", key), RecordFields.IndexesOf<ContactData>()[0].Sort, MaxContacts, cancellationToken).AsTask(),
            () => TimelineAsync(new RecordRef(EntityTypes.Account, id.Value), cancellationToken).AsTask(),
            () => PurchasesAsync("accountId", key, cancellationToken).AsTask()).ConfigureAwait(false);
        if (account is null)
        {
            return null;
        }

        Own(account);
        var contactCount = contacts.Count < MaxContacts ? contacts.Count : await QueryExecutor.CountAsync<ContactData>(Store, Context, Filter.Equal("accountIds", key), cancellationToken).ConfigureAwait(false);
        var (activities, tasks, totals) = timeline;
        var (lines, purchaseTotals) = purchases;
        return new AccountView
        {
            Account = account,
            Contacts = Link(contacts, id),
            ContactCount = contactCount,
            RecentActivities = activities,
            RecentPurchaseLines = lines,
            OpenTasks = tasks,
            Consent = Summarize(contacts),
            Totals = purchaseTotals with { ActivityCount = totals.ActivityCount, OpenTaskCount = totals.OpenTaskCount },
            AsOf = _session.Now,
        };
    }

    /// <summary>The 360 view of a contact.</summary>
    /// <param name="id">The contact.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The view, or <see langword="null"/> when the tenant has no such contact.</returns>
    public async Task<ContactView?> GetContactViewAsync(ContactId id, CancellationToken cancellationToken = default)
    {
        var contact = await Store.Records<ContactData>().FindAsync(Context, id.Value, cancellationToken).ConfigureAwait(false);
        if (contact is null)
        {
            return null;
        }

        Own(contact);
        var accounts = new List<LinkedAccount>();
        foreach (var accountId in contact.LinkedAccountIds)
        {
            if (await Store.Records<AccountData>().FindAsync(Context, accountId.Value, cancellationToken).ConfigureAwait(false) is { } account)
            {
                Own(account);
                accounts.Add(new LinkedAccount(account, contact.RolesAt(accountId), contact.AccountId == accountId));
            }
        }

        var ((activities, tasks, totals), (lines, purchaseTotals)) = await ReadAsync(
            () => TimelineAsync(contact.Ref, cancellationToken).AsTask(),
            () => PurchasesAsync("contactId", id.ToString(), cancellationToken).AsTask()).ConfigureAwait(false);
        return new ContactView
        {
            Contact = contact,
            Accounts = accounts,
            RecentActivities = activities,
            RecentPurchaseLines = lines,
            OpenTasks = tasks,
            Consent = Summarize([contact]),
            Totals = purchaseTotals with { ActivityCount = totals.ActivityCount, OpenTaskCount = totals.OpenTaskCount },
            AsOf = _session.Now,
        };
    }

    /// <summary>Rolls up an account and every account below it in its group: contacts, revenue per currency, purchases.</summary>
    /// <param name="id">The account at the top.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The roll-up, or <see langword="null"/> when the tenant has no such account.</returns>
    public async Task<AccountGroupRollup?> GetGroupRollupAsync(AccountId id, CancellationToken cancellationToken = default)
    {
        var root = await Store.Records<AccountData>().FindAsync(Context, id.Value, cancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return null;
        }

        Own(root);
        var group = new List<AccountId> { id };
        var seen = new HashSet<AccountId> { id };
        for (var i = 0; i < group.Count; i++)
        {
            await foreach (var child in ReadAllAsync<AccountData>(Filter.Equal("parentAccountId", group[i].ToString()), [SortKey.Ascending("name")], cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(child.Id))
                {
                    group.Add(child.Id);
                }
            }
        }

        var contacts = new HashSet<ContactId>();
        var revenue = new SortedDictionary<string, Money>(StringComparer.Ordinal);
        var purchases = 0;
        LocalDate? last = null;
        foreach (var account in group)
        {
            await foreach (var contact in ReadAllAsync<ContactData>(Filter.Equal("accountIds", account.ToString()), [], cancellationToken).ConfigureAwait(false))
            {
                contacts.Add(contact.Id);
            }

            await foreach (var purchase in ReadAllAsync<PurchaseData>(Filter.Equal("accountId", account.ToString()), ByOrderDate, cancellationToken).ConfigureAwait(false))
            {
                purchases++;
                last = last is null || purchase.OrderedOn > last ? purchase.OrderedOn : last;
                Add(revenue, purchase.Total);
            }
        }

        return new AccountGroupRollup(root, group, contacts.Count, [.. revenue.Values], purchases, last);
    }

    private static LinkedContact[] Link(IReadOnlyList<ContactData> contacts, AccountId account)
    {
        var linked = new LinkedContact[contacts.Count];
        for (var i = 0; i < linked.Length; i++)
        {
            var contact = contacts[i];
            linked[i] = new LinkedContact(contact, contact.RolesAt(account), contact.AccountId == account);
        }

        return linked;
    }

    // The session's second line of defence, as for tracked aggregates: never show another tenant's record.
    private T Own<T>(T record) where T : AggregateData => record.TenantId == Context.Tenant ? record
        : throw new InvalidOperationException($"The store returned {record.Ref} of tenant '{record.TenantId}' to a session of tenant '{Context.Tenant}'.");

    private IReadOnlyList<T> Own<T>(IReadOnlyList<T> records) where T : AggregateData
    {
        for (var i = 0; i < records.Count; i++)
        {
            Own(records[i]);
        }

        return records;
    }

    private static void Add(SortedDictionary<string, Money> sums, Money amount)
    {
        if (amount.Currency.Code is { } code)
        {
            sums[code] = sums.TryGetValue(code, out var sum) ? sum + amount : amount;
        }
    }

    private static ChannelConsentSummary[] Summarize(IReadOnlyList<ContactData> contacts)
    {
        var summary = new ChannelConsentSummary[Channels.Length];
        for (var c = 0; c < Channels.Length; c++)
        {
            int granted = 0, withdrawn = 0, unknown = 0, doNotContact = 0;
            for (var p = 0; p < contacts.Count; p++)
            {
                var consent = ConsentOn(contacts[p], Channels[c]);
                doNotContact += consent?.DoNotContact == true ? 1 : 0;
                switch (consent?.Status)
                {
                    case ConsentStatus.Granted when !consent.DoNotContact:
                        granted++;
                        break;
                    case ConsentStatus.Withdrawn:
                        withdrawn++;
                        break;
                    case ConsentStatus.Granted:
                        break;
                    default:
                        unknown++;
                        break;
                }
            }

            summary[c] = new ChannelConsentSummary(Channels[c], granted, withdrawn, unknown, doNotContact);
        }

        return summary;
    }

    private static ChannelConsent? ConsentOn(ContactData contact, ContactChannel channel)
    {
        foreach (var consent in contact.Consents)
        {
            if (consent.Channel == channel)
            {
                return consent;
            }
        }

        return null;
    }

    private async ValueTask<(IReadOnlyList<ActivityData> Recent, IReadOnlyList<ActivityData> Tasks, CustomerTotals Counts)> TimelineAsync(RecordRef record, CancellationToken cancellationToken)
    {
        var key = record.ToString();
        var timeline = Filter.Equal("records", key);
        var open = Filter.Equal("openTaskRecords", key);
        // A full page means there may be more: then the count is read, at the same time as the page where the store allows it.
        var ((recent, activityCount), (tasks, taskCount)) = await ReadAsync(
            () => PageAndCountAsync(timeline, Newest, cancellationToken),
            () => PageAndCountAsync(open, ByDueTime, cancellationToken)).ConfigureAwait(false);
        return (recent, tasks, new CustomerTotals([], null, 0, activityCount, taskCount));
    }

    private async Task<(IReadOnlyList<ActivityData> Page, long Count)> PageAndCountAsync(Filter filter, IReadOnlyList<SortKey> sort, CancellationToken cancellationToken)
    {
        var page = await QueryAsync<ActivityData>(filter, sort, RecentCount, cancellationToken).ConfigureAwait(false);
        return (page, page.Count < RecentCount ? page.Count : await QueryExecutor.CountAsync<ActivityData>(Store, Context, filter, cancellationToken).ConfigureAwait(false));
    }

    private bool ConcurrentReads => Store is IConcurrentReadStore { AllowsConcurrentReads: true };

    // Starts every read at once where the store allows it, one after another otherwise.
    private async Task<(T1, T2)> ReadAsync<T1, T2>(Func<Task<T1>> first, Func<Task<T2>> second)
    {
        if (!ConcurrentReads)
        {
            return (await first().ConfigureAwait(false), await second().ConfigureAwait(false));
        }

        var (a, b) = (first(), second());
        await Task.WhenAll(a, b).ConfigureAwait(false);
        return (a.Result, b.Result);
    }

    private async Task<(T1, T2, T3, T4)> ReadAsync<T1, T2, T3, T4>(Func<Task<T1>> first, Func<Task<T2>> second, Func<Task<T3>> third, Func<Task<T4>> fourth)
    {
        if (!ConcurrentReads)
        {
            return (await first().ConfigureAwait(false), await second().ConfigureAwait(false), await third().ConfigureAwait(false), await fourth().ConfigureAwait(false));
        }

        var (a, b, c, d) = (first(), second(), third(), fourth());
        await Task.WhenAll(a, b, c, d).ConfigureAwait(false);
        return (a.Result, b.Result, c.Result, d.Result);
    }

    private async ValueTask<(IReadOnlyList<PurchaseLineEntry> Lines, CustomerTotals Totals)> PurchasesAsync(string field, string key, CancellationToken cancellationToken)
    {
        var lines = new List<PurchaseLineEntry>(RecentCount);
        var revenue = new SortedDictionary<string, Money>(StringComparer.Ordinal);
        var count = 0;
        LocalDate? last = null;
        var query = new StoreQuery(Filter.Equal(field, key), ByOrderDate, null, PurchasePage);
        while (true)
        {
            // Read page by page (one page for nearly every customer), newest first.
            var page = Own(await QueryExecutor.QueryAsync<PurchaseData>(Store, Context, query, cancellationToken).ConfigureAwait(false));
            for (var p = 0; p < page.Count; p++)
            {
                var purchase = page[p];
                count++;
                last ??= purchase.OrderedOn;
                Add(revenue, purchase.Total);
                for (var i = 0; i < purchase.Lines.Count && lines.Count < RecentCount; i++)
                {
                    lines.Add(new PurchaseLineEntry(purchase.Id, purchase.Source, purchase.OrderNumber, purchase.OrderedOn, purchase.Lines[i]));
                }
            }

            if (page.Count < PurchasePage)
            {
                return (lines, new CustomerTotals([.. revenue.Values], last, count, 0, 0));
            }

            query = query with { After = RecordQueryEvaluator.PositionOf(page[^1], ByOrderDate) };
        }
    }

    private async ValueTask<IReadOnlyList<TData>> QueryAsync<TData>(Filter filter, IReadOnlyList<SortKey> sort, int limit, CancellationToken cancellationToken) where TData : AggregateData =>
        Own(await QueryExecutor.QueryAsync<TData>(Store, Context, new StoreQuery(filter, sort, null, limit), cancellationToken).ConfigureAwait(false));

    private async IAsyncEnumerable<TData> ReadAllAsync<TData>(Filter filter, IReadOnlyList<SortKey> sort, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        where TData : AggregateData
    {
        KeysetPosition? after = null;
        while (true)
        {
            var page = Own(await QueryExecutor.QueryAsync<TData>(Store, Context, new StoreQuery(filter, sort, after, PurchasePage), cancellationToken).ConfigureAwait(false));
            foreach (var record in page)
            {
                yield return record;
            }

            if (page.Count < PurchasePage)
            {
                yield break;
            }

            after = RecordQueryEvaluator.PositionOf(page[^1], sort);
        }
    }
}
