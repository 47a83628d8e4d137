namespace Crm.Customers;

/// <summary>A postal address (a value object).</summary>
public sealed record Address
{
    /// <summary>What the address is used for.</summary>
    public AddressKind Kind { get; init; } = AddressKind.Main;

    /// <summary>Street and number.</summary>
    public string? Line1 { get; init; }

    /// <summary>Additional line (building, floor, c/o).</summary>
    public string? Line2 { get; init; }

    /// <summary>Postal code.</summary>
    public string? PostalCode { get; init; }

    /// <summary>City or locality.</summary>
    public string? City { get; init; }

    /// <summary>State, province or region.</summary>
    public string? Region { get; init; }

    /// <summary>ISO 3166-1 alpha-2 country code, upper case (<c>DE</c>).</summary>
    public string? CountryCode { get; init; }
}
