using Crm.Customers;
using Crm.Storage;

namespace Crm.Sessions.Bulk;

/// <summary>
/// The bulk upsert of any family: match rows to stored records in batches, create or replace,
/// then commit; rows the validation or the store refuses are reported and left out, and the
/// rest is committed again (each round leaves out at least one row, so it ends).
/// </summary>
internal static class BulkUpsert
{
    public const int MaxRows = 100_000;
    private const int LookupBatch = 5_000;

    public static async Task<BulkUpsertResult> RunAsync<TAggregate, TData, TId, TRow, TDraft>(
        AggregateSet<TAggregate, TData, TId> set,
        CrmSession session,
        IReadOnlyList<TRow> rows,
        Func<TRow, TDraft?> draftOf,
        Func<TRow, Guid?> idOf,
        Func<TDraft, string?> keyOf,
        string? keyName,
        Func<TRow, TDraft, TAggregate?> createWithId,
        Func<TDraft, TAggregate> create,
        Action<TAggregate, TDraft> replace,
        CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TData>
        where TData : AggregateData
        where TId : struct, ITypedId<TId>
        where TDraft : class
    {
        if (rows.Count > MaxRows)
        {
            throw new ArgumentException($"A bulk upsert takes at most {MaxRows:N0} rows; split the {rows.Count:N0} rows into batches.", nameof(rows));
        }

        if (session.HasPendingChanges())
        {
            throw new InvalidOperationException("The session has uncommitted changes; a bulk upsert commits, so run it in a session of its own.");
        }

        var outcomes = new BulkRowOutcome?[rows.Count];
        var byId = new Dictionary<Guid, int>();
        var byKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null || draftOf(row) is not { } draft)
            {
                outcomes[i] = Fail(i, BulkRowStatus.Invalid, new CrmError(CrmErrorCodes.Required, "The row has no draft.", $"[{i}]"));
                continue;
            }

            if (idOf(row) is { } id)
            {
                if (!byId.TryAdd(id, i))
                {
                    outcomes[i] = Fail(i, BulkRowStatus.DuplicateInBatch, new CrmError(CrmErrorCodes.DuplicateKey, $"Row {byId[id]} has the same id; a batch applies each record once.", $"[{i}].id"));
                }
                else if (keyOf(draft) is { } ownKey && !byKey.TryAdd(ownKey, i))
                {
                    // A row matched by id that carries the batch's key counts for that key too.
                    byId.Remove(id);
                    outcomes[i] = Fail(i, BulkRowStatus.DuplicateInBatch, new CrmError(CrmErrorCodes.DuplicateKey, $"Row {byKey[ownKey]} has the same {keyName} '{ownKey}'; a batch applies each key once.", $"[{i}].alternateKeys"));
                }
            }
            else if (keyOf(draft) is { } key)
            {
                if (!byKey.TryAdd(key, i))
                {
                    outcomes[i] = Fail(i, BulkRowStatus.DuplicateInBatch, new CrmError(CrmErrorCodes.DuplicateKey, $"Row {byKey[key]} has the same {keyName} '{key}'; a batch applies each key once.", $"[{i}].alternateKeys"));
                }
            }
            else
            {
                outcomes[i] = Fail(i, BulkRowStatus.Invalid, new CrmError(CrmErrorCodes.Required, keyName is null
                    ? "The row has no id, and the batch names no alternate key to match rows by."
                    : $"The row has neither an id nor an alternate key '{keyName}'.", $"[{i}]"));
            }
        }

        var existingById = await LoadAsync(set, session, [.. byId.Keys.Select(k => k.ToString("D"))], null, cancellationToken).ConfigureAwait(false);
        var existingByKey = keyName is null ? [] : await LoadAsync(set, session, byKey.Keys.ToList(), keyName, cancellationToken).ConfigureAwait(false);
        var staged = new Dictionary<RecordRef, (int Row, TAggregate Aggregate, bool Created)>();
        var rowOfRecord = new Dictionary<Guid, int>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i] is not null)
            {
                continue;
            }

            var row = rows[i];
            var draft = draftOf(row)!;
            var id = idOf(row);
            var found = id is { } known ? existingById.GetValueOrDefault(known.ToString("D")) : existingByKey.GetValueOrDefault(keyOf(draft)!);
            if (found is not null && !rowOfRecord.TryAdd(found.Key, i))
            {
                // One row by id and another by key can name the same stored record: it is applied once.
                outcomes[i] = Fail(i, BulkRowStatus.DuplicateInBatch, new CrmError(CrmErrorCodes.DuplicateKey, $"Row {rowOfRecord[found.Key]} names the same record {found.Ref}; a batch applies each record once.", $"[{i}]"));
                continue;
            }

            TAggregate aggregate;
            var created = found is null;
            if (found is null)
            {
                aggregate = createWithId(row, draft) ?? create(draft);
                if (id is not null)
                {
                    set.Add(aggregate);
                }
            }
            else
            {
                aggregate = set.AttachLoaded(found);
                replace(aggregate, draft);
            }

            staged[aggregate.Data.Ref] = (i, aggregate, created);
        }

        long position = 0;
        while (staged.Count > 0)
        {
            var result = await session.CommitAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            if (result.IsSuccess)
            {
                position = result.Value!.Position;
                foreach (var (record, entry) in staged)
                {
                    outcomes[entry.Row] = new BulkRowOutcome(entry.Row, entry.Created ? BulkRowStatus.Created : BulkRowStatus.Updated, record, []);
                }

                break;
            }

            var named = result.Errors.Where(e => e.Record is { } r && staged.ContainsKey(r)).GroupBy(e => e.Record!.Value).ToList();
            if (named.Count == 0)
            {
                // Nothing points at a row: the whole batch fails with the reason.
                foreach (var (record, entry) in staged)
                {
                    outcomes[entry.Row] = new BulkRowOutcome(entry.Row, BulkRowStatus.Refused, record, result.Errors);
                    set.Detach(entry.Aggregate);
                }

                break;
            }

            foreach (var errors in named)
            {
                var entry = staged[errors.Key];
                var status = errors.All(e => e.Code.StartsWith("validation.", StringComparison.Ordinal)) ? BulkRowStatus.Invalid : BulkRowStatus.Refused;
                outcomes[entry.Row] = new BulkRowOutcome(entry.Row, status, errors.Key, [.. errors]);
                set.Detach(entry.Aggregate);
                staged.Remove(errors.Key);
            }
        }

        return new BulkUpsertResult([.. outcomes.Select((o, i) => o ?? throw new InvalidOperationException($"Bulk upsert row {i} has no outcome; this is a bug."))], position);
    }

    private static BulkRowOutcome Fail(int row, BulkRowStatus status, CrmError error) => new(row, status, null, [error]);

    // Keyed by the id's text or the key value.
    private static async Task<Dictionary<string, TData>> LoadAsync<TAggregate, TData, TId>(AggregateSet<TAggregate, TData, TId> set, CrmSession session, List<string> keys, string? keyName, CancellationToken cancellationToken)
        where TAggregate : AggregateRoot<TData>
        where TData : AggregateData
        where TId : struct, ITypedId<TId>
    {
        _ = set;
        var found = new Dictionary<string, TData>(StringComparer.Ordinal);
        var reader = session.Services.Store.Records<TData>();
        foreach (var chunk in keys.Chunk(LookupBatch))
        {
            IReadOnlyList<TData> records;
            if (reader is IBulkRecordReader<TData> bulk)
            {
                records = keyName is null
                    ? await bulk.FindManyAsync(session.Context, [.. chunk.Select(Guid.Parse)], cancellationToken).ConfigureAwait(false)
                    : await bulk.FindManyByAlternateKeyAsync(session.Context, keyName, chunk, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                var one = new List<TData>();
                foreach (var key in chunk)
                {
                    var record = keyName is null
                        ? await reader.FindAsync(session.Context, Guid.Parse(key), cancellationToken).ConfigureAwait(false)
                        : await reader.FindByAlternateKeyAsync(session.Context, keyName, key, cancellationToken).ConfigureAwait(false);
                    if (record is not null)
                    {
                        one.Add(record);
                    }
                }

                records = one;
            }

            foreach (var record in records)
            {
                if (record.TenantId != session.Context.Tenant)
                {
                    throw new InvalidOperationException($"The store returned {record.Ref} of tenant '{record.TenantId}' to a session of tenant '{session.Context.Tenant}'.");
                }

                if (keyName is null)
                {
                    found[record.Key.ToString("D")] = record;
                }
                else
                {
                    foreach (var key in record.AlternateKeys.Where(k => k.Name == keyName))
                    {
                        found[key.Value] = record;
                    }
                }
            }
        }

        return found;
    }
}
