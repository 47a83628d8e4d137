namespace Crm;

/// <summary>Returns a tenant's <see cref="TenantSettings"/>. Hosts may replace the default, options-based provider with their own (e.g. read from the ERP).</summary>
public interface ITenantSettingsProvider
{
    /// <summary>Gets the settings of a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The settings.</returns>
    ValueTask<TenantSettings> GetSettingsAsync(TenantId tenant, CancellationToken cancellationToken);
}
