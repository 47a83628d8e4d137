using System.Text.Json.Serialization;
using Crm.Storage;

namespace Crm.Customers;

/// <summary>The stored state of a <see cref="Contact"/> (a person) at one version.</summary>
public sealed record ContactData : AggregateData
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

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypes.Contact;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <summary>First and last name joined by a space, without blanks.</summary>
    [JsonIgnore]
    public string DisplayName => string.Join(' ', new[] { FirstName, LastName }.Where(s => !string.IsNullOrWhiteSpace(s)));
}
