using System.Collections.Concurrent;

namespace Crm.CustomFields;

/// <summary>
/// The default <see cref="ICustomFieldSchemaProvider"/>: schemas held in the process, set at
/// start-up through the builder or at run time with <see cref="SetSchema"/>. Thread-safe.
/// </summary>
public sealed class CustomFieldSchemaRegistry : ICustomFieldSchemaProvider
{
    private readonly ConcurrentDictionary<(TenantId, string), CustomFieldSchema> _schemas = new();

    /// <summary>Declares (or replaces) a tenant's schema for the schema's entity type.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="schema">The schema.</param>
    public void SetSchema(TenantId tenant, CustomFieldSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schemas[(tenant, schema.EntityType)] = schema;
    }

    /// <inheritdoc />
    public ValueTask<CustomFieldSchema> GetSchemaAsync(TenantId tenant, string entityType, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_schemas.TryGetValue((tenant, entityType), out var schema) ? schema : CustomFieldSchema.Empty(entityType));
}
