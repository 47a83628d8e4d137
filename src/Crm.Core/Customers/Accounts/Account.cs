using Crm.CustomFields;
using Crm.Events;
using NodaTime;

namespace Crm.Customers;

/// <summary>
/// An organisation the tenant deals with. Owns its contact points, addresses, tags, consents,
/// custom field values and alternate keys (deleted with it). Contacts are separate aggregates
/// that reference an account: deleting an account that contacts still reference is refused with
/// <see cref="CrmErrorCodes.DeleteRefused"/>; unlink or delete the contacts first.
/// </summary>
public sealed class Account : CustomerAggregate<AccountData>
{
    /// <summary>Wraps stored data (e.g. from a custom store or a test); the session tracks it once attached.</summary>
    /// <param name="data">The data.</param>
    public Account(AccountData data)
        : base(data)
    {
    }

    /// <summary>The id.</summary>
    public AccountId Id => Data.Id;

    /// <summary>The name.</summary>
    public string Name => Data.Name;

    /// <summary>Creates a new, uncommitted account from a draft; its first commit raises <see cref="AccountCreated"/>.</summary>
    /// <param name="id">The new id.</param>
    /// <param name="tenant">The tenant.</param>
    /// <param name="draft">The caller's data.</param>
    /// <param name="now">The creation time.</param>
    /// <returns>The account.</returns>
    public static Account Create(AccountId id, TenantId tenant, AccountDraft draft, Instant now)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var account = new Account(new AccountData
        {
            Id = id,
            TenantId = tenant,
            CreatedAt = now.ToMicroseconds(),
            UpdatedAt = now.ToMicroseconds(),
            Name = draft.Name ?? string.Empty,
            Website = draft.Website,
            Industry = draft.Industry,
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
        return account;
    }

    /// <summary>Renames the account.</summary>
    /// <param name="name">The new name.</param>
    public void Rename(string name) => Change(Data with { Name = name });

    /// <summary>Places the account under a parent account (or at the top with <see langword="null"/>). The store refuses the commit if this closes a cycle.</summary>
    /// <param name="parent">The parent.</param>
    public void SetParent(AccountId? parent) => Change(Data with { ParentAccountId = parent });

    /// <summary>Records a relationship with another account (kept once per account and kind; dates replaced).</summary>
    /// <param name="relatedAccountId">The other account; not this one.</param>
    /// <param name="kind">What it is to this account (<see cref="AccountRelationshipKinds"/>).</param>
    /// <param name="since">The first day, if known.</param>
    /// <param name="until">The last day, if it ended.</param>
    public void Relate(AccountId relatedAccountId, string kind, LocalDate? since = null, LocalDate? until = null)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var relationship = new AccountRelationship(relatedAccountId, kind.Trim(), since, until);
        Change(Data with { Relationships = [.. Data.Relationships.Where(r => !Same(r, relationship)), relationship] });
    }

    /// <summary>Removes relationships with another account: of one kind, or all of them.</summary>
    /// <param name="relatedAccountId">The other account.</param>
    /// <param name="kind">The kind, or <see langword="null"/> for every kind.</param>
    /// <returns>Whether any was removed.</returns>
    public bool Unrelate(AccountId relatedAccountId, string? kind = null)
    {
        var kept = Data.Relationships.Where(r => r.RelatedAccountId != relatedAccountId || (kind is not null && r.Kind != kind.Trim())).ToArray();
        if (kept.Length == Data.Relationships.Count)
        {
            return false;
        }

        Change(Data with { Relationships = kept });
        return true;
    }

    /// <summary>Sets the web site.</summary>
    /// <param name="website">The site.</param>
    public void SetWebsite(string? website) => Change(Data with { Website = website });

    /// <summary>Sets the industry.</summary>
    /// <param name="industry">The industry.</param>
    public void SetIndustry(string? industry) => Change(Data with { Industry = industry });

    private static bool Same(AccountRelationship a, AccountRelationship b) => a.RelatedAccountId == b.RelatedAccountId && a.Kind == b.Kind;

    /// <inheritdoc />
    protected internal override IDomainEvent CreatedEvent() => new AccountCreated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent UpdatedEvent() => new AccountUpdated(Id);

    /// <inheritdoc />
    protected internal override IDomainEvent DeletedEvent() => new AccountDeleted(Id);
}
