namespace Crm.Storage.InMemory;

/// <summary>Everything one tenant has in the store. One lock per tenant: commits of a tenant are serialised, tenants do not wait for each other.</summary>
internal sealed class TenantPartition
{
    public Lock Gate { get; } = new();

    private readonly Dictionary<string, FamilyTable> _tables = new(StringComparer.Ordinal);
    private string? _lastType;
    private FamilyTable? _lastTable;

    public List<ChangeFeedEntry> Changes { get; } = [];

    public Dictionary<string, CommitResult> CommittedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>The table of an entity type, created on first use. Callers hold <see cref="Gate"/>.</summary>
    public FamilyTable Table(string entityType)
    {
        // Commits usually write one family: the last table answers without a lookup.
        if (ReferenceEquals(entityType, _lastType))
        {
            return _lastTable!;
        }

        if (!_tables.TryGetValue(entityType, out var table))
        {
            table = new FamilyTable();
            _tables.Add(entityType, table);
        }

        _lastType = entityType;
        _lastTable = table;
        return table;
    }
}
