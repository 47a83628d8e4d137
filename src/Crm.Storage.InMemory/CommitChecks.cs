namespace Crm.Storage.InMemory;

/// <summary>Checks a commit against a partition without changing it: versions, existence, id and alternate key uniqueness.</summary>
internal static class CommitChecks
{
    /// <summary>Returns <see langword="null"/> when every write can be applied, else an outcome per write.</summary>
    public static WriteOutcome[]? Check(TenantPartition partition, IReadOnlyList<StagedWrite> writes)
    {
        WriteOutcome[]? failures = null;
        // Keyed by id (hashing the entity type name as well cost a tenth of a bare insert); the type is
        // compared only when ids repeat, which families that store a part apart under the owner's id do
        // (an activity and its body).
        var seen = new SeenWrites(writes.Count);
        HashSet<RecordRef>? released = null;
        foreach (var write in writes)
        {
            if (write.Kind != WriteKind.Insert)
            {
                (released ??= []).Add(write.Record);
            }
        }

        var claims = new Dictionary<(string Entity, string Name, string Value), RecordRef>();
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            var outcome = CheckOne(partition, write, seen, released, claims);
            if (outcome is not null)
            {
                failures ??= new WriteOutcome[writes.Count];
                failures[i] = outcome;
            }
        }

        failures ??= CheckHierarchy(partition, writes);
        if (failures is null)
        {
            return null;
        }

        for (var i = 0; i < failures.Length; i++)
        {
            failures[i] ??= new WriteOutcome(writes[i].Record, WriteStatus.NotApplied);
        }

        return failures;
    }

    private static WriteOutcome? CheckOne(
        TenantPartition partition,
        StagedWrite write,
        SeenWrites seen,
        HashSet<RecordRef>? released,
        Dictionary<(string, string, string), RecordRef> claims)
    {
        if (!seen.Add(write.Record))
        {
            throw new ArgumentException($"{write.Record} appears twice in one commit.", nameof(write));
        }

        if (write.Data is { } data)
        {
            try
            {
                FamilyIndexes.ReadKeys(data);
            }
            catch (Exception error) when (error is NullReferenceException or ArgumentException or InvalidOperationException or InvalidCastException)
            {
                throw new ArgumentException($"{write.Record} cannot be indexed ({error.Message}); the commit is malformed and nothing was written.", nameof(write), error);
            }
        }

        var table = partition.Table(write.Record.EntityType);
        var exists = table.Records.TryGetValue(write.Record.Id, out var stored);
        if (write.Kind == WriteKind.Insert)
        {
            if (exists)
            {
                return new WriteOutcome(write.Record, WriteStatus.DuplicateKey, stored!.Version, "id");
            }
        }
        else if (!exists)
        {
            return new WriteOutcome(write.Record, WriteStatus.NotFound);
        }
        else if (stored!.Version != write.ExpectedVersion)
        {
            return new WriteOutcome(write.Record, WriteStatus.ConcurrencyConflict, stored.Version);
        }

        if (write.Data is null)
        {
            return null;
        }

        foreach (var key in write.Data.AlternateKeys)
        {
            var claim = (write.Record.EntityType, key.Name, key.Value);
            var detail = $"{key.Name}={key.Value}";
            if (!claims.TryAdd(claim, write.Record) && claims[claim] != write.Record)
            {
                return new WriteOutcome(write.Record, WriteStatus.DuplicateKey, null, detail);
            }

            if (table.AlternateKeys.TryGetValue((key.Name, key.Value), out var owner) && owner != write.Record.Id
                && released?.Contains(new RecordRef(write.Record.EntityType, owner)) != true)
            {
                return new WriteOutcome(write.Record, WriteStatus.DuplicateKey, null, detail);
            }
        }

        return null;
    }

    /// <summary>Refuses writes whose new parent chain leads back to the record, judged on the state the commit would leave.</summary>
    private static WriteOutcome[]? CheckHierarchy(TenantPartition partition, IReadOnlyList<StagedWrite> writes)
    {
        Dictionary<RecordRef, StagedWrite>? staged = null;
        WriteOutcome[]? failures = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i];
            if (write.Data?.ParentKey is not { } parent)
            {
                continue;
            }

            var table = partition.Table(write.Record.EntityType);
            if (write.Kind == WriteKind.Update && table.Records.TryGetValue(write.Record.Id, out var stored) && stored.ParentKey == parent)
            {
                continue; // the link did not change
            }

            staged ??= writes.Where(w => w.Data is not null || w.Kind == WriteKind.Delete).GroupBy(w => w.Record).ToDictionary(g => g.Key, g => g.First());
            Guid? current = parent;
            for (var depth = 0; current is { } id; depth++)
            {
                if (id == write.Record.Id || depth > table.Records.Count + writes.Count)
                {
                    failures ??= new WriteOutcome[writes.Count];
                    failures[i] = new WriteOutcome(write.Record, WriteStatus.HierarchyCycle);
                    break;
                }

                current = staged.TryGetValue(new RecordRef(write.Record.EntityType, id), out var next)
                    ? next.Data?.ParentKey
                    : table.Records.TryGetValue(id, out var record) ? record.ParentKey : null;
            }
        }

        return failures;
    }

    private sealed class SeenWrites(int capacity)
    {
        private readonly Dictionary<Guid, string> _first = new(capacity);
        private HashSet<RecordRef>? _sharedIds;

        /// <summary>Whether the record is new to the commit.</summary>
        public bool Add(RecordRef record) =>
            _first.TryAdd(record.Id, record.EntityType)
            || (!string.Equals(_first[record.Id], record.EntityType, StringComparison.Ordinal) && (_sharedIds ??= []).Add(record));
    }
}
