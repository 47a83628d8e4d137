using Crm.Customers;

namespace Crm.Storage.InMemory;

/// <summary>The records of one aggregate family in one tenant, with its alternate key index. Guarded by the partition's lock.</summary>
internal sealed class FamilyTable
{
    private Guid[]? _sortedIds;
    private bool _indexesCreated;

    public Dictionary<Guid, AggregateData> Records { get; } = [];

    public Dictionary<(string Name, string Value), Guid> AlternateKeys { get; } = [];

    /// <summary>The family's declared indexes, created with the first record (<see langword="null"/> before it, or when it declares none).</summary>
    public FamilyIndexes? Indexes { get; private set; }

    /// <summary>The ids in ascending order, rebuilt lazily after inserts and deletes (scans are rare: queries use the records directly).</summary>
    public Guid[] SortedIds
    {
        get
        {
            if (_sortedIds is null)
            {
                var ids = Records.Keys.ToArray();
                Array.Sort(ids);
                _sortedIds = ids;
            }

            return _sortedIds;
        }
    }

    public void Put(AggregateData data, AggregateData? previous)
    {
        if (previous is not null)
        {
            ReleaseKeys(previous);
        }
        else
        {
            _sortedIds = null;
        }

        if (!_indexesCreated)
        {
            Indexes = FamilyIndexes.Create(data.GetType());
            _indexesCreated = true;
        }

        Indexes?.Put(data, previous);
        Records[data.Key] = data;
        foreach (var key in data.AlternateKeys)
        {
            AlternateKeys[(key.Name, key.Value)] = data.Key;
        }
    }

    public void Remove(AggregateData previous)
    {
        ReleaseKeys(previous);
        Indexes?.Remove(previous);
        Records.Remove(previous.Key);
        _sortedIds = null;
    }

    // A key moved to another record in the same commit may already point there: release only our own.
    private void ReleaseKeys(AggregateData previous)
    {
        foreach (var key in previous.AlternateKeys)
        {
            if (AlternateKeys.TryGetValue((key.Name, key.Value), out var owner) && owner == previous.Key)
            {
                AlternateKeys.Remove((key.Name, key.Value));
            }
        }
    }
}
