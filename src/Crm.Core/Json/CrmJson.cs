using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Crm.Json;

/// <summary>
/// The one JSON contract of the SDK: camelCase names, enums as camelCase strings, NodaTime types
/// in ISO form, typed ids as UUID strings, money as <c>{"amount": 12.30, "currency": "EUR"}</c>,
/// custom field values as plain JSON values, nulls omitted. Hosts can expose it in APIs unchanged.
/// </summary>
public static class CrmJson
{
    /// <summary>Read-only options with the contract; safe to share.</summary>
    public static JsonSerializerOptions Options { get; } = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web), readOnly: true);

    /// <summary>Applies the contract to options a host owns (e.g. ASP.NET Core's <c>JsonOptions</c>).</summary>
    /// <param name="options">The options to change.</param>
    /// <returns>The same options.</returns>
    public static JsonSerializerOptions Configure(JsonSerializerOptions options) => Configure(options, readOnly: false);

    private static JsonSerializerOptions Configure(JsonSerializerOptions options, bool readOnly)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = null; // custom field names are kept exactly as declared
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.Strict;

        // The contract is JSON for APIs and queues, not text embedded in HTML: keep names, '+' in
        // E.164 numbers and apostrophes readable instead of \uXXXX escapes.
        options.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new TypedIdJsonConverter<AccountId>());
        options.Converters.Add(new TypedIdJsonConverter<ContactId>());
        options.Converters.Add(new TypedIdJsonConverter<ActivityId>());
        options.Converters.Add(new TypedIdJsonConverter<PurchaseId>());
        options.Converters.Add(new TenantIdJsonConverter());
        options.Converters.Add(new UserIdJsonConverter());
        options.Converters.Add(new TeamIdJsonConverter());
        options.Converters.Add(new BusinessUnitIdJsonConverter());
        options.Converters.Add(new CurrencyJsonConverter());
        options.Converters.Add(new MoneyJsonConverter());
        options.Converters.Add(new ScalarValueJsonConverter());
        options.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);
        if (readOnly)
        {
            options.MakeReadOnly(populateMissingResolver: true);
        }

        return options;
    }
}
