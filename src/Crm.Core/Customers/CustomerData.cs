using System.Text.Json.Serialization;

namespace Crm.Customers;

/// <summary>
/// The state shared by the customer aggregates (<see cref="ContactData"/>, <see cref="AccountData"/>):
/// lifecycle, classification, contact points, addresses and consent. Timeline and purchase records
/// derive from <see cref="AggregateData"/> directly and carry none of it.
/// </summary>
public abstract record CustomerData : AggregateData
{
    /// <summary>The lifecycle stage.</summary>
    public LifecycleStage LifecycleStage { get; init; }

    /// <summary>A classification code (a grade such as <c>A</c>, or a host-defined category), up to 64 characters.</summary>
    public string? Classification { get; init; }

    /// <summary>Email addresses and phone numbers, at most one primary per kind.</summary>
    public IReadOnlyList<ContactPoint> ContactPoints { get; init; } = [];

    /// <summary>Postal addresses.</summary>
    public IReadOnlyList<Address> Addresses { get; init; } = [];

    /// <summary>Consent and do-not-contact per channel, at most one entry per channel, ordered by channel.</summary>
    public IReadOnlyList<ChannelConsent> Consents { get; init; } = [];

}
