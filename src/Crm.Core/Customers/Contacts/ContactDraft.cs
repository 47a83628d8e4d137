using Crm.CustomFields;

namespace Crm.Customers;

/// <summary>
/// What a caller knows about a new contact. Taken as given: normalisation and validation run on
/// commit and report every problem at once (for instance two primary emails).
/// </summary>
public sealed record ContactDraft
{
    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Job title.</summary>
    public string? JobTitle { get; init; }

    /// <summary>The primary account.</summary>
    public AccountId? AccountId { get; init; }

    /// <summary>The owner.</summary>
    public UserId? OwnerId { get; init; }

    /// <summary>The lifecycle stage.</summary>
    public LifecycleStage LifecycleStage { get; init; } = LifecycleStage.Lead;

    /// <summary>A classification code.</summary>
    public string? Classification { get; init; }

    /// <summary>Emails and phones; when none of a kind is marked primary, the first of the kind is.</summary>
    public IReadOnlyList<ContactPoint> ContactPoints { get; init; } = [];

    /// <summary>Postal addresses.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Tags.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Consent per channel.</summary>
    public IReadOnlyList<ChannelConsent> Consents { get; init; } = [];

    /// <summary>Custom field values.</summary>
    public IReadOnlyDictionary<string, ScalarValue> CustomFields { get; init; } = CustomFieldMaps.Empty;

    /// <summary>Alternate keys.</summary>
    public IReadOnlyList<AlternateKey> AlternateKeys { get; init; } = [];
}
