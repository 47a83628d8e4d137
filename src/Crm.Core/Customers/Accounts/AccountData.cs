using Crm.Storage.Querying;
using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Customers;

/// <summary>The stored state of an <see cref="Account"/> (an organisation) at one version.</summary>
public sealed record AccountData : CustomerData, IAggregateData<AccountData>
{
    /// <summary>The account's id.</summary>
    public required AccountId Id { get; init; }

    /// <summary>The organisation's name.</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Its web site.</summary>
    public string? Website { get; init; }

    /// <summary>Its industry (free text or a host code).</summary>
    public string? Industry { get; init; }

    /// <summary>The parent account in a group (a subsidiary's holding), if any. Cycles are refused by the store.</summary>
    public AccountId? ParentAccountId { get; init; }

    /// <summary>Relationships with other accounts (partner, competitor, supplier, ...).</summary>
    public IReadOnlyList<AccountRelationship> Relationships { get; init; } = [];

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid? ParentKey => ParentAccountId?.Value;

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypes.Account;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <inheritdoc />
    public static string EntityTypeName => EntityTypes.Account;

    /// <inheritdoc />
    public static IEnumerable<RecordField<AccountData>> DeclareFields() =>
    [
        RecordField.Text<AccountData>("name", d => d.Name),
        RecordField.Text<AccountData>("website", d => d.Website),
        RecordField.Text<AccountData>("industry", d => d.Industry),
        RecordField.Text<AccountData>("parentAccountId", d => d.ParentAccountId?.ToString()),
        RecordField.TextList<AccountData>("relatedAccountIds", d => d.Relationships.Select(r => r.RelatedAccountId.ToString())),
    ];

    /// <inheritdoc />
    public static IEnumerable<RecordIndex> DeclareIndexes() =>
    [
        new("accounts_by_parent", "parentAccountId", [SortKey.Ascending("name")]),
        new("accounts_by_related", "relatedAccountIds", [SortKey.Ascending("name")]),
    ];
}
