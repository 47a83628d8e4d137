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

    /// <summary>Changes the name.</summary>
    /// <param name="firstName">Given name.</param>
    /// <param name="lastName">Family name.</param>
    public void Rename(string? firstName, string? lastName) => Change(Data with { FirstName = firstName, LastName = lastName });

    /// <summary>Changes the job title.</summary>
    /// <param name="jobTitle">The title.</param>
    public void SetJobTitle(string? jobTitle) => Change(Data with { JobTitle = jobTitle });

    /// <summary>Links the contact to its primary account, or unlinks it.</summary>
    /// <param name="accountId">The account, or <see langword="null"/>.</param>
    public void LinkToAccount(AccountId? accountId) => Change(Data with { AccountId = accountId });

    /// <inheritdoc />
    protected internal override IDomainEvent CreatedEvent() => new ContactCreated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent UpdatedEvent() => new ContactUpdated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent DeletedEvent() => new ContactDeleted(Id);
}
