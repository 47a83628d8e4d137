using Microsoft.Extensions.Options;

namespace Crm.DependencyInjection;

/// <summary>The default <see cref="ITenantSettingsProvider"/>: <see cref="CrmOptions.Tenants"/>, else <see cref="CrmOptions.DefaultTenantSettings"/>.</summary>
/// <param name="options">The options.</param>
internal sealed class OptionsTenantSettingsProvider(IOptions<CrmOptions> options) : ITenantSettingsProvider
{
    public ValueTask<TenantSettings> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken) =>
        ValueTask.FromResult(options.Value.Tenants.TryGetValue(tenant.Value, out var settings) ? settings : options.Value.DefaultTenantSettings);
}
