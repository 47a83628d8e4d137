namespace Crm.CustomFields;

/// <summary>
/// Returns a tenant's custom field schema for an entity type. The default registry
/// (<see cref="CustomFieldSchemaRegistry"/>) holds schemas in the process; an ERP may supply its own
/// provider reading its metadata tables.
/// </summary>
public interface ICustomFieldSchemaProvider
{
    /// <summary>Gets the schema; an empty schema when the tenant declared none.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="entityType">The entity type.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The schema.</returns>
    ValueTask<CustomFieldSchema> GetSchemaAsync(TenantId tenant, string entityType, CancellationToken cancellationToken);
}
