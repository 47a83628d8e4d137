namespace Crm.Storage.InMemory;

/// <summary>Everything one tenant has in the store. One lock per tenant: commits of a tenant are serialised, tenants do not wait for each other.</summary>
internal sealed class TenantPartition
{
    public Lock Gate { get; } = new();

    private readonly Dictionary<string, FamilyTable> _tables = new(StringComparer.Ordinal);
    private string? _lastType;
    private FamilyTable? _lastTable;

    /// <summary>The change feed: the entry at position p is at index p - 1, kept as values and made into entries only when read.</summary>
    public ChunkedList<ChangeRow> Changes { get; } = new();

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

/// <summary>One change feed entry as the partition keeps it: its position is its index + 1.</summary>
internal readonly record struct ChangeRow(RecordRef Record, ChangeKind Kind, long Version, NodaTime.Instant CommittedAt)
{
    /// <summary>The public entry for position <paramref name="position"/>.</summary>
    public ChangeFeedEntry ToEntry(long position) => new(position, Record, Kind, Version, CommittedAt);
}
