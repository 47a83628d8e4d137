using Crm.Storage.Querying;
using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Customers;

/// <summary>The stored state of a <see cref="Contact"/> (a person) at one version.</summary>
public sealed record ContactData : CustomerData, IAggregateData<ContactData>
{
    /// <summary>The contact's id.</summary>
    public required ContactId Id { get; init; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>The account (organisation) the contact primarily belongs to, if any.</summary>
    public AccountId? AccountId { get; init; }

    /// <summary>The contact's relationships with accounts (roles and dates), at most one per account.</summary>
    public IReadOnlyList<AccountRole> AccountRoles { get; init; } = [];

    /// <summary>Every account the contact is linked to: the primary account first, then those with roles.</summary>
    [JsonIgnore]
    // The captured primary lives in its own method: captured in the property, it cost a closure
    // object on every read, also for the contacts without an account (every index upkeep reads this).
    public IEnumerable<AccountId> LinkedAccountIds => AccountId is { } primary
        ? WithPrimary(primary)
        : AccountRoles.Count == 0 ? [] : AccountRoles.Select(r => r.AccountId);

    private IEnumerable<AccountId> WithPrimary(AccountId primary) =>
        AccountRoles.Select(r => r.AccountId).Where(a => a != primary).Prepend(primary);

    /// <summary>The contact's roles at an account (empty when it has none recorded).</summary>
    /// <param name="accountId">The account.</param>
    /// <returns>The role codes.</returns>
    public IReadOnlyList<string> RolesAt(AccountId accountId)
    {
        foreach (var role in AccountRoles)
        {
            if (role.AccountId == accountId)
            {
                return role.Roles;
            }
        }

        return [];
    }

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypes.Contact;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <summary>First and last name joined by a space, without blanks.</summary>
    [JsonIgnore]
    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <inheritdoc />
    public static string EntityTypeName => EntityTypes.Contact;

    /// <inheritdoc />
    public static IEnumerable<RecordField<ContactData>> DeclareFields() =>
    [
        RecordField.Text<ContactData>("firstName", d => d.FirstName),
        RecordField.Text<ContactData>("lastName", d => d.LastName),
        RecordField.Text<ContactData>("jobTitle", d => d.JobTitle),
        RecordField.Text<ContactData>("accountId", d => d.AccountId?.ToString()),
        RecordField.TextList<ContactData>("accountIds", d => d.LinkedAccountIds.Select(a => a.ToString())),
    ];

    /// <inheritdoc />
    public static IEnumerable<RecordIndex> DeclareIndexes() =>
    [
        new("contacts_by_account", "accountIds", [SortKey.Ascending("lastName"), SortKey.Ascending("firstName")]),
    ];
}
