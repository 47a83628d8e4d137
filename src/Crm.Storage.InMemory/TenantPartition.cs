namespace Crm.Storage.InMemory;

/// <summary>Everything one tenant has in the store. One lock per tenant: commits of a tenant are serialised, tenants do not wait for each other.</summary>
internal sealed class TenantPartition
{
    public Lock Gate { get; } = new();

    private readonly Dictionary<string, FamilyTable> _tables = new(StringComparer.Ordinal);

    public List<ChangeFeedEntry> Changes { get; } = [];

    public Dictionary<string, CommitResult> CommittedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The table of an entity type, created on first use. Callers hold <see cref="Gate"/>.</summary>
    public FamilyTable Table(string entityType)
    {
        if (!_tables.TryGetValue(entityType, out var table))
        {
            table = new FamilyTable();
            _tables.Add(entityType, table);
        }

        return table;
    }
}
