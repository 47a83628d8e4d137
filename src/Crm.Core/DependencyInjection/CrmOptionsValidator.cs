using Crm.Validation;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Crm.DependencyInjection;

/// <summary>Checks <see cref="CrmOptions"/> at start-up and says exactly what to fix.</summary>
public sealed class CrmOptionsValidator : IValidateOptions<CrmOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, CrmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.StorageName is null)
        {
            failures.Add("Crm: no storage is configured. Call crm.UseInMemoryStorage() (or another store's Use... method) inside services.AddCrm(crm => ...).");
        }

        CheckTenant("DefaultTenantSettings", options.DefaultTenantSettings, failures);
        foreach (var (tenant, settings) in options.Tenants)
        {
            CheckTenant($"Tenants[\"{tenant}\"]", settings, failures);
        }

        if (options.OutboxBatchSize is < 1 or > 10_000)
        {
            failures.Add($"Crm: OutboxBatchSize must be between 1 and 10000; it is {options.OutboxBatchSize}.");
        }

        if (options.OutboxMaxAttempts < 1)
        {
            failures.Add($"Crm: OutboxMaxAttempts must be at least 1; it is {options.OutboxMaxAttempts}.");
        }

        foreach (var (label, value) in new[] { ("OutboxPollInterval", options.OutboxPollInterval), ("OutboxLease", options.OutboxLease), ("OutboxRetryDelay", options.OutboxRetryDelay) })
        {
            if (value <= Duration.Zero)
            {
                failures.Add($"Crm: {label} must be positive; it is {value}.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckTenant(string label, TenantSettings? settings, List<string> failures)
    {
        if (settings is null)
        {
            failures.Add($"Crm: {label} is null.");
            return;
        }

        if (!PhoneNumberRules.IsSupportedRegion(settings.DefaultPhoneRegion))
        {
            failures.Add($"Crm: {label}.DefaultPhoneRegion '{settings.DefaultPhoneRegion}' is not an ISO 3166-1 alpha-2 region libphonenumber knows (e.g. \"DE\", \"US\").");
        }

        if (settings.DefaultCurrency.Code is null)
        {
            failures.Add($"Crm: {label}.DefaultCurrency is not set.");
        }

        if (settings.TimeZone is null)
        {
            failures.Add($"Crm: {label}.TimeZone is not set.");
        }
    }
}
