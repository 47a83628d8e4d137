using Crm.CustomFields;

namespace Crm.Customers;

/// <summary>
/// What a caller knows about a new account. Taken as given: normalisation and validation run on
/// commit and report every problem at once.
/// </summary>
public sealed record AccountDraft
{
    /// <summary>The organisation's name (required).</summary>
    public string? Name { get; init; }

    /// <summary>Its web site.</summary>
    public string? Website { get; init; }

    /// <summary>Its industry.</summary>
    public string? Industry { get; init; }

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
