using NodaTime;

namespace Crm;

/// <summary>
/// A tenant's defaults: the region phone numbers without a country code belong to, the default
/// currency, and the time zone of its business calendar.
/// </summary>
public sealed record TenantSettings
{
    /// <summary>The ISO 3166-1 alpha-2 region used to read national phone numbers (e.g. <c>DE</c>, <c>US</c>).</summary>
    public string DefaultPhoneRegion { get; init; } = "US";

    /// <summary>The tenant's default currency.</summary>
    public Currency DefaultCurrency { get; init; } = Currency.FromCode("USD");

    /// <summary>The tenant's time zone (business days, <c>today()</c>).</summary>
    public DateTimeZone TimeZone { get; init; } = DateTimeZone.Utc;
}
