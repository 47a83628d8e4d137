using Crm.CustomFields;
using Crm.Events;
using NodaTime;

namespace Crm.Customers;

/// <summary>
/// A person the tenant deals with. Owns its contact points, addresses, tags, consents, custom
/// field values and alternate keys; deleting a contact deletes all of them (cascade) and frees its
/// alternate keys. Create one with <c>session.Contacts.Create(draft)</c>; load one with
/// <c>session.Contacts.FindAsync</c>.
/// </summary>
public sealed class Contact : CustomerAggregate<ContactData>
{
    /// <summary>Wraps stored data (e.g. from a custom store or a test); the session tracks it once attached.</summary>
    /// <param name="data">The data.</param>
    public Contact(ContactData data)
        : base(data)
    {
    }

    /// <summary>The id.</summary>
    public ContactId Id => Data.Id;

    /// <summary>First and last name.</summary>
    public string DisplayName => Data.DisplayName;

    /// <summary>Creates a new, uncommitted contact from a draft; its first commit raises <see cref="ContactCreated"/>.</summary>
    /// <param name="id">The new id.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The caller's data.</param>
    /// <param name="now">The creation time.</param>
    /// <returns>The contact.</returns>
    public static Contact Create(ContactId id, TenantId tenant, ContactDraft draft, Instant now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var contact = new Contact(new ContactData
        {
            Id = id,
            TenantId = tenant,
            CreatedAt = now.ToMicroseconds(),
            UpdatedAt = now.ToMicroseconds(),
            FirstName = draft.FirstName,
            LastName = draft.LastName,
            JobTitle = draft.JobTitle,
            AccountId = draft.AccountId,
            OwnerId = draft.OwnerId,
            LifecycleStage = draft.LifecycleStage,
            Classification = draft.Classification,
            ContactPoints = DraftRules.DefaultPrimaries(draft.ContactPoints),
            Addresses = draft.Addresses is null || draft.Addresses.Count == 0 ? [] : [.. draft.Addresses],
            Tags = NormalizeTags(draft.Tags),
            Consents = draft.Consents is null || draft.Consents.Count == 0 ? [] : [.. draft.Consents.Select(c => c with { ChangedAt = c.ChangedAt.ToMicroseconds() }).OrderBy(c => c.Channel)],
            CustomFields = CustomFieldMaps.ToSorted(draft.CustomFields),
            AlternateKeys = draft.AlternateKeys is null || draft.AlternateKeys.Count == 0 ? [] : [.. draft.AlternateKeys],
        });
        return contact;
    }

    /// <summary>
    /// Replaces what a draft describes with the draft's values (an ERP sync sending the full state):
    /// names, job title, primary account, owner, lifecycle stage, classification, contact points,
    /// addresses, tags, consent and custom fields. The draft's alternate keys are set; keys of other
    /// names stay, and so do role links at accounts.
    /// </summary>
    /// <param name="draft">The new state.</param>
    public void Replace(ContactDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var fresh = Create(Id, Data.TenantId, draft, Data.CreatedAt).Data;
        var draftKeys = fresh.AlternateKeys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);
        Change(fresh with
        {
            Version = Data.Version,
            CreatedAt = Data.CreatedAt,
            UpdatedAt = Data.UpdatedAt,
            AccountRoles = Data.AccountRoles,
            AlternateKeys = [.. Data.AlternateKeys.Where(k => !draftKeys.Contains(k.Name)), .. fresh.AlternateKeys],
        });
    }

    /// <summary>Changes the name.</summary>
    /// <param name="firstName">Given name.</param>
    /// <param name="lastName">Family name.</param>
    public void Rename(string? firstName, string? lastName) => Change(Data with { FirstName = firstName, LastName = lastName });

    /// <summary>Changes the job title.</summary>
    /// <param name="jobTitle">The title.</param>
    public void SetJobTitle(string? jobTitle) => Change(Data with { JobTitle = jobTitle });

    /// <summary>Sets the contact's primary account, or clears it. Role links (<see cref="LinkAccount"/>) stay.</summary>
    /// <param name="accountId">The account, or <see langword="null"/>.</param>
    public void LinkToAccount(AccountId? accountId) => Change(Data with { AccountId = accountId });

    /// <summary>
    /// Records the contact's roles at an account (replacing an earlier entry for that account).
    /// The account becomes the primary one when <paramref name="primary"/> is set or the contact has none;
    /// a previous primary account stays linked (without roles) until <see cref="UnlinkAccount"/>.
    /// </summary>
    /// <param name="accountId">The account.</param>
    /// <param name="roles">Role codes (<see cref="ContactRoles"/>); trimmed, distinct, ordered.</param>
    /// <param name="since">The first day, if known.</param>
    /// <param name="until">The last day, if it ended.</param>
    /// <param name="primary">Whether the account becomes the primary account.</param>
    public void LinkAccount(AccountId accountId, IEnumerable<string>? roles = null, LocalDate? since = null, LocalDate? until = null, bool primary = false)
    {
        var role = new AccountRole(accountId, NormalizeTags(roles?.ToList()), since, until);
        var links = Data.AccountRoles.Where(r => r.AccountId != accountId).ToList();
        if (primary && Data.AccountId is { } previous && previous != accountId && !links.Any(r => r.AccountId == previous))
        {
            // The previous primary account stays linked (without roles); unlink it to drop it.
            links.Add(new AccountRole(previous, []));
        }

        Change(Data with
        {
            AccountRoles = [.. links, role],
            AccountId = primary || Data.AccountId is null ? accountId : Data.AccountId,
        });
    }

    /// <summary>Removes the contact's link with an account; when it was the primary account, the next linked account (if any) becomes primary.</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>Whether the contact was linked to it.</returns>
    public bool UnlinkAccount(AccountId accountId)
    {
        if (Data.AccountId != accountId && !Data.AccountRoles.Any(r => r.AccountId == accountId))
        {
            return false;
        }

        var remaining = Data.AccountRoles.Where(r => r.AccountId != accountId).ToArray();
        Change(Data with
        {
            AccountRoles = remaining,
            AccountId = Data.AccountId == accountId ? remaining.FirstOrDefault()?.AccountId : Data.AccountId,
        });
        return true;
    }

    /// <summary>The contact's roles at an account (empty when it has none recorded).</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The role codes.</returns>
    public IReadOnlyList<string> RolesAt(AccountId accountId) => Data.RolesAt(accountId);

    /// <inheritdoc />
    protected internal override IDomainEvent CreatedEvent() => new ContactCreated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent UpdatedEvent() => new ContactUpdated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent DeletedEvent() => new ContactDeleted(Id);
}
