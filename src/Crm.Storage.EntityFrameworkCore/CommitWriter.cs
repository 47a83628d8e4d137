using System.Text.Json;
using Crm.Customers;
using Crm.Json;
using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.EntityFrameworkCore.Sql;
using Microsoft.EntityFrameworkCore;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// One commit inside its transaction: lock the tenant's head row (which serialises the tenant's
/// commits on every server), replay an idempotency key, check versions, keys and the hierarchy
/// on the state the commit would leave, then write everything. A failed check writes nothing.
/// </summary>
internal sealed class CommitWriter(DbContext context, StoreSetup setup, string tenant, CommitRequest request, IReadOnlyList<PreparedWrite> writes)
{
    private const int MaxParameters = 200;
    private const int BulkRows = 64;
    private const int MaxDepth = 100_000;
    private const int AheadChunk = 10_000;
    private const string OutboxColumns = "tenant_id, sequence, event_id, event_type, subject_type, subject_id, occurred_at, payload, attempts, available_at";

    private readonly SqlDialect _dialect = setup.Dialect;
    private readonly TableNames _names = setup.Names;
    private readonly Dictionary<RecordRef, long> _stored = [];
    private readonly Dictionary<RecordRef, Guid?> _parents = [];

    public async Task<CommitResult> RunAsync(CancellationToken cancellationToken)
    {
        var head = await LockHeadAsync(cancellationToken).ConfigureAwait(false);
        if (request.IdempotencyKey is { } key && await FindCommittedAsync(key, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return earlier with { Replayed = true };
        }

        await RefuseKnownEventIdsAsync(cancellationToken).ConfigureAwait(false);
        await LoadVersionsAsync(cancellationToken).ConfigureAwait(false);
        var failures = await CheckAsync(cancellationToken).ConfigureAwait(false);
        if (failures is not null)
        {
            return new CommitResult(failures, 0);
        }

        var outcomes = new WriteOutcome[writes.Count];
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i].Write;
            outcomes[i] = new WriteOutcome(write.Record, WriteStatus.Written, write.Data?.Version ?? write.ExpectedVersion);
        }

        var position = head + writes.Count;
        var result = new CommitResult(outcomes, writes.Count == 0 ? head : position);
        await ApplyAsync(head, cancellationToken).ConfigureAwait(false);
        if (request.IdempotencyKey is { } newKey)
        {
            var sql = new SqlText(_dialect);
            sql.Append($"INSERT INTO {_names.CommitKeys} (tenant_id, idempotency_key, result) VALUES ({sql.Add(tenant)}, {sql.Add(newKey)}, {sql.AddJson(JsonSerializer.Serialize(result, CrmJson.Options))})");
            await Commands.ExecuteAsync(context, sql, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<long> LockHeadAsync(CancellationToken cancellationToken)
    {
        var insert = new SqlText(_dialect);
        insert.Append($"INSERT INTO {_names.Tenants} (tenant_id, position) VALUES ({insert.Add(tenant)}, 0) ON CONFLICT (tenant_id) DO NOTHING");
        await Commands.ExecuteAsync(context, insert, cancellationToken).ConfigureAwait(false);
        var select = new SqlText(_dialect);
        select.Append($"SELECT position FROM {_names.Tenants} WHERE tenant_id = {select.Add(tenant)}{_dialect.ForUpdate}");
        return (await Commands.ListAsync(context, select, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false))[0];
    }

    private async Task<CommitResult?> FindCommittedAsync(string key, CancellationToken cancellationToken)
    {
        var sql = new SqlText(_dialect);
        sql.Append($"SELECT result FROM {_names.CommitKeys} WHERE tenant_id = {sql.Add(tenant)} AND idempotency_key = {sql.Add(key)}");
        var rows = await Commands.ListAsync(context, sql, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        return rows.Count == 0 ? null : JsonSerializer.Deserialize<CommitResult>(rows[0], CrmJson.Options);
    }

    // An event id the outbox already holds (from any tenant) makes the request malformed: refused before anything is written.
    private async Task RefuseKnownEventIdsAsync(CancellationToken cancellationToken)
    {
        foreach (var chunk in request.Outbox.Chunk(SqlDialect.MaxListValues))
        {
            var sql = new SqlText(_dialect);
            sql.Append($"SELECT event_id FROM {_names.Outbox} WHERE {_dialect.InIds(sql, "event_id", chunk.Select(m => m.EventId))}");
            if (await Commands.ListAsync(context, sql, r => _dialect.ReadId(r, 0), cancellationToken).ConfigureAwait(false) is [var known, ..])
            {
                throw new ArgumentException($"The outbox already holds event {known}; event ids must be unique.");
            }
        }
    }

    private async Task LoadVersionsAsync(CancellationToken cancellationToken)
    {
        foreach (var group in writes.GroupBy(w => w.Write.Record.EntityType, StringComparer.Ordinal))
        {
            var family = group.First().Family;
            foreach (var chunk in group.Chunk(SqlDialect.MaxListValues))
            {
                var sql = new SqlText(_dialect);
                sql.Append($"SELECT r.id, r.version FROM {_names.Of(family.Table)} r WHERE r.tenant_id = {sql.Add(tenant)}");
                if (family.IsGeneric)
                {
                    sql.Append($" AND r.entity_type = {sql.Add(group.Key)}");
                }

                sql.Append($" AND {_dialect.InIds(sql, "r.id", chunk.Select(w => w.Write.Record.Id))}");
                foreach (var (id, version) in await Commands.ListAsync(context, sql, r => (_dialect.ReadId(r, 0), r.GetInt64(1)), cancellationToken).ConfigureAwait(false))
                {
                    _stored[new RecordRef(group.Key, id)] = version;
                }
            }
        }
    }

    private async Task<WriteOutcome[]?> CheckAsync(CancellationToken cancellationToken)
    {
        WriteOutcome[]? failures = null;
        void Fail(int index, WriteOutcome outcome) => (failures ??= new WriteOutcome[writes.Count])[index] ??= outcome;

        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i].Write;
            var exists = _stored.TryGetValue(write.Record, out var version);
            if (write.Kind == WriteKind.Insert && exists)
            {
                Fail(i, new WriteOutcome(write.Record, WriteStatus.DuplicateKey, version, "id"));
            }
            else if (write.Kind != WriteKind.Insert && !exists)
            {
                Fail(i, new WriteOutcome(write.Record, WriteStatus.NotFound));
            }
            else if (write.Kind != WriteKind.Insert && version != write.ExpectedVersion)
            {
                Fail(i, new WriteOutcome(write.Record, WriteStatus.ConcurrencyConflict, version));
            }
        }

        // As the in-memory store: a write that failed its existence or version check claims no keys.
        await CheckAlternateKeysAsync(Fail, i => failures?[i] is not null, cancellationToken).ConfigureAwait(false);
        if (failures is null)
        {
            await CheckHierarchyAsync(Fail, cancellationToken).ConfigureAwait(false);
        }

        if (failures is null)
        {
            return null;
        }

        for (var i = 0; i < failures.Length; i++)
        {
            failures[i] ??= new WriteOutcome(writes[i].Write.Record, WriteStatus.NotApplied);
        }

        return failures;
    }

    private async Task CheckAlternateKeysAsync(Action<int, WriteOutcome> fail, Func<int, bool> failed, CancellationToken cancellationToken)
    {
        var wanted = new List<(int Index, string Entity, AlternateKey Key)>();
        foreach (var (write, index) in writes.Select((w, i) => (w.Write, i)))
        {
            if (failed(index))
            {
                continue;
            }

            foreach (var key in write.Data?.AlternateKeys ?? [])
            {
                wanted.Add((index, write.Record.EntityType, key));
            }
        }

        if (wanted.Count == 0)
        {
            return;
        }

        // Who holds each key now; a key whose holder is updated or deleted in this commit is released by it.
        var owners = new Dictionary<(string, string, string), Guid>();
        foreach (var group in wanted.GroupBy(w => (w.Entity, w.Key.Name)))
        {
            foreach (var chunk in group.Select(w => w.Key.Value).Distinct(StringComparer.Ordinal).Chunk(SqlDialect.MaxListValues))
            {
                var sql = new SqlText(_dialect);
                sql.Append($"SELECT key_value, record_id FROM {_names.AlternateKeys} WHERE tenant_id = {sql.Add(tenant)} AND entity_type = {sql.Add(group.Key.Entity)} AND key_name = {sql.Add(group.Key.Name)} AND {_dialect.InTexts(sql, "key_value", chunk)}");
                foreach (var (value, owner) in await Commands.ListAsync(context, sql, r => (r.GetString(0), _dialect.ReadId(r, 1)), cancellationToken).ConfigureAwait(false))
                {
                    owners[(group.Key.Entity, group.Key.Name, value)] = owner;
                }
            }
        }

        var released = writes.Where(w => w.Write.Kind != WriteKind.Insert).Select(w => w.Write.Record).ToHashSet();
        var claims = new Dictionary<(string, string, string), RecordRef>();
        var refused = new HashSet<int>();
        foreach (var (index, entity, key) in wanted)
        {
            var record = writes[index].Write.Record;
            var claim = (entity, key.Name, key.Value);
            var taken = (claims.TryGetValue(claim, out var claimant) && claimant != record)
                || (owners.TryGetValue(claim, out var owner) && owner != record.Id && !released.Contains(new RecordRef(entity, owner)));
            claims.TryAdd(claim, record);
            if (taken && refused.Add(index))
            {
                fail(index, new WriteOutcome(record, WriteStatus.DuplicateKey, null, $"{key.Name}={key.Value}"));
            }
        }
    }

    private async Task CheckHierarchyAsync(Action<int, WriteOutcome> fail, CancellationToken cancellationToken)
    {
        Dictionary<RecordRef, PreparedWrite>? staged = null;
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i].Write;
            if (write.Data?.ParentKey is not { } parent)
            {
                continue;
            }

            var type = write.Data.GetType();
            if (write.Kind == WriteKind.Update && await StoredParentAsync(writes[i].Family, write.Record, type, cancellationToken).ConfigureAwait(false) == parent)
            {
                continue; // the link did not change
            }

            staged ??= writes.Where(w => w.Write.Data is not null || w.Write.Kind == WriteKind.Delete).GroupBy(w => w.Write.Record).ToDictionary(g => g.Key, g => g.First());
            Guid? current = parent;
            for (var depth = 0; current is { } id; depth++)
            {
                if (id == write.Record.Id || depth > MaxDepth)
                {
                    fail(i, new WriteOutcome(write.Record, WriteStatus.HierarchyCycle));
                    break;
                }

                var next = new RecordRef(write.Record.EntityType, id);
                current = staged.TryGetValue(next, out var stagedNext)
                    ? stagedNext.Write.Data?.ParentKey
                    : await StoredParentAsync(writes[i].Family, next, type, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<Guid?> StoredParentAsync(RelationalFamily family, RecordRef record, Type dataType, CancellationToken cancellationToken)
    {
        if (_parents.TryGetValue(record, out var known))
        {
            return known;
        }

        var sql = new SqlText(_dialect);
        sql.Append($"SELECT r.data FROM {_names.Of(family.Table)} r WHERE r.tenant_id = {sql.Add(tenant)} AND r.id = {sql.Add(_dialect.Id(record.Id))}");
        if (family.IsGeneric)
        {
            sql.Append($" AND r.entity_type = {sql.Add(record.EntityType)}");
        }

        var rows = await Commands.ListAsync(context, sql, r => r.GetString(0), cancellationToken).ConfigureAwait(false);
        var parent = rows.Count == 0 ? null : ((AggregateData?)JsonSerializer.Deserialize(rows[0], dataType, CrmJson.Options))?.ParentKey;
        _parents[record] = parent;
        return parent;
    }

    private async Task ApplyAsync(long head, CancellationToken cancellationToken)
    {
        var batch = new Batch(context, _dialect, cancellationToken);

        // Children of updated and deleted records go first, so a key moved to another record in this commit is free when it is inserted.
        foreach (var group in writes.Where(w => w.Write.Kind != WriteKind.Insert).GroupBy(w => w.Write.Record.EntityType, StringComparer.Ordinal))
        {
            var family = group.First().Family;
            foreach (var chunk in group.Chunk(SqlDialect.MaxListValues))
            {
                await batch.AddAsync(sql => DeleteChildren(sql, family, group.Key, chunk)).ConfigureAwait(false);
            }
        }

        await batch.FlushAsync().ConfigureAwait(false);
        foreach (var group in writes.Where(w => w.Write.Kind == WriteKind.Insert).GroupBy(w => w.Family))
        {
            var family = group.Key;
            var columns = new List<string> { "tenant_id", "id", "version" };
            if (family.IsGeneric)
            {
                columns.Add("entity_type");
            }

            columns.AddRange(family.Columns.Select(c => c.Column));
            columns.Add("custom_fields");
            columns.Add("data");
            await InsertAheadAsync(batch, _names.Of(family.Table), string.Join(", ", columns), group.ToList(), w => [InsertValues(w)]).ConfigureAwait(false);
        }

        foreach (var write in writes.Where(w => w.Write.Kind != WriteKind.Insert))
        {
            await batch.AddAsync(sql => WriteRow(sql, write), expectedRows: 1).ConfigureAwait(false);
        }

        await batch.FlushAsync().ConfigureAwait(false);
        var stored = writes.Where(w => w.Write.Data is not null).ToList();
        await InsertAheadAsync(batch, _names.AlternateKeys, "tenant_id, entity_type, key_name, key_value, record_id", stored, w =>
            w.Write.Data!.AlternateKeys.Select(k => new object?[] { tenant, w.Write.Record.EntityType, k.Name, k.Value, _dialect.Id(w.Write.Record.Id) })).ConfigureAwait(false);
        await InsertAheadAsync(batch, _names.RecordValues, "tenant_id, entity_type, record_id, field, ordinal, value", stored, w =>
            w.ListValues().Select((v, ordinal) => new object?[] { tenant, w.Write.Record.EntityType, _dialect.Id(w.Write.Record.Id), v.Field, ordinal, v.Value })).ConfigureAwait(false);
        await InsertAheadAsync(batch, _names.ContactPoints, "tenant_id, owner_type, owner_id, ordinal, kind, value, label, is_primary", stored, w =>
            w.ContactPoints.Select((p, ordinal) => new object?[] { tenant, w.Write.Record.EntityType, _dialect.Id(w.Write.Record.Id), ordinal, Name(p.Kind), p.Value, Name(p.Label), _dialect.Boolean(p.IsPrimary) })).ConfigureAwait(false);
        var committedAt = _dialect.Instant(request.CommittedAt);
        var positions = Enumerable.Range(0, writes.Count).ToList();
        await InsertAheadAsync(batch, _names.Changes, "tenant_id, position, entity_type, record_id, kind, version, committed_at", positions, i =>
        {
            var write = writes[i].Write;
            return [[tenant, head + i + 1, write.Record.EntityType, _dialect.Id(write.Record.Id), write.Kind == WriteKind.Delete ? "deleted" : "upserted", write.Data?.Version ?? write.ExpectedVersion, committedAt]];
        }).ConfigureAwait(false);
        var position = head + writes.Count;
        await InsertOutboxAsync(batch, cancellationToken).ConfigureAwait(false);
        await batch.AddAsync(sql => sql.Append($"UPDATE {_names.Tenants} SET position = {sql.Add(position)} WHERE tenant_id = {sql.Add(tenant)}"), expectedRows: 1).ConfigureAwait(false);
        await batch.FlushAsync().ConfigureAwait(false);
        if (writes.Count >= _dialect.StatisticsAfterWrites)
        {
            var tables = writes.Select(w => _names.Of(w.Family.Table)).Distinct(StringComparer.Ordinal)
                .Concat([_names.AlternateKeys, _names.RecordValues, _names.ContactPoints, _names.Changes, _names.Outbox]);
            await Commands.ExecuteAsync(context, new SqlText(_dialect).Append(_dialect.RefreshStatistics(tables)), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task InsertOutboxAsync(Batch batch, CancellationToken cancellationToken)
    {
        if (request.Outbox.Count == 0)
        {
            return;
        }

        var sequence = new SqlText(_dialect);
        if (_dialect is PostgresDialect)
        {
            sequence.Append($"SELECT nextval('{_names.Of("outbox_sequence")}') FROM generate_series(1, {sequence.Add(request.Outbox.Count)})");
            var numbers = await Commands.ListAsync(context, sequence, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
            numbers.Sort();
            await InsertAheadAsync(batch, _names.Outbox, OutboxColumns, Enumerable.Range(0, request.Outbox.Count).ToList(), i => [Row(request.Outbox[i], numbers[i])]).ConfigureAwait(false);
            return;
        }

        sequence.Append($"UPDATE {_names.Of("sequences")} SET value = value + {sequence.Add(request.Outbox.Count)} WHERE name = 'outbox' RETURNING value");
        var last = (await Commands.ListAsync(context, sequence, r => r.GetInt64(0), cancellationToken).ConfigureAwait(false))[0];
        var first = last - request.Outbox.Count + 1;
        await InsertAheadAsync(batch, _names.Outbox, OutboxColumns, Enumerable.Range(0, request.Outbox.Count).ToList(), i => [Row(request.Outbox[i], first + i)]).ConfigureAwait(false);

        object?[] Row(OutboxMessage message, long number) =>
            [tenant, number, _dialect.Id(message.EventId), message.EventType, message.Subject.EntityType, _dialect.Id(message.Subject.Id), _dialect.Instant(message.OccurredAt), message.Payload, 0, _dialect.Instant(NodaTime.Instant.FromUnixTimeTicks(0))];
    }

    /// <summary>
    /// Inserts the rows of many items a chunk at a time; the rows of the next chunk are built on
    /// another thread while this chunk is written, so building (JSON, sortable text) overlaps the
    /// database's work, and only two chunks of rows are alive at once.
    /// </summary>
    private static async Task InsertAheadAsync<T>(Batch batch, string table, string columns, IReadOnlyList<T> items, Func<T, IEnumerable<object?[]>> rowsOf)
    {
        if (items.Count <= AheadChunk)
        {
            await batch.InsertAsync(table, columns, items.SelectMany(rowsOf).ToList()).ConfigureAwait(false);
            return;
        }

        Task<List<object?[]>> Build(int start) => Task.Run(() =>
        {
            var rows = new List<object?[]>();
            for (var i = start; i < Math.Min(start + AheadChunk, items.Count); i++)
            {
                rows.AddRange(rowsOf(items[i]));
            }

            return rows;
        });

        var next = Build(0);
        for (var start = 0; start < items.Count; start += AheadChunk)
        {
            var rows = await next.ConfigureAwait(false);
            if (start + AheadChunk < items.Count)
            {
                next = Build(start + AheadChunk);
            }

            await batch.InsertAsync(table, columns, rows).ConfigureAwait(false);
        }
    }

    private void DeleteChildren(SqlText sql, RelationalFamily family, string entityType, PreparedWrite[] chunk)
    {
        var t = sql.Add(tenant);
        var e = sql.Add(entityType);
        var ids = chunk.Select(w => w.Write.Record.Id).ToList();
        sql.Append($"DELETE FROM {_names.AlternateKeys} WHERE tenant_id = {t} AND entity_type = {e} AND {_dialect.InIds(sql, "record_id", ids)};");
        if (family.ListFields.Count > 0)
        {
            sql.Append($"DELETE FROM {_names.RecordValues} WHERE tenant_id = {t} AND entity_type = {e} AND {_dialect.InIds(sql, "record_id", ids)};");
        }

        if (family.HasContactPoints)
        {
            sql.Append($"DELETE FROM {_names.ContactPoints} WHERE tenant_id = {t} AND owner_type = {e} AND {_dialect.InIds(sql, "owner_id", ids)};");
        }
    }

    private object?[] InsertValues(PreparedWrite prepared)
    {
        var write = prepared.Write;
        var values = new List<object?> { tenant, _dialect.Id(write.Record.Id), write.Data!.Version };
        if (prepared.Family.IsGeneric)
        {
            values.Add(write.Record.EntityType);
        }

        var stored = prepared.Values(_dialect);
        values.AddRange(stored.ColumnValues);
        values.Add(new JsonText(stored.CustomFields));
        values.Add(new JsonText(stored.Json));
        return [.. values];
    }

    private void WriteRow(SqlText sql, PreparedWrite prepared)
    {
        var write = prepared.Write;
        var family = prepared.Family;
        var table = _names.Of(family.Table);
        var key = $"tenant_id = {sql.Add(tenant)} AND id = {sql.Add(_dialect.Id(write.Record.Id))}" + (family.IsGeneric ? $" AND entity_type = {sql.Add(write.Record.EntityType)}" : string.Empty);
        switch (write.Kind)
        {
            case WriteKind.Delete:
                sql.Append($"DELETE FROM {table} WHERE {key} AND version = {sql.Add(write.ExpectedVersion)};");
                break;
            case WriteKind.Update:
                var stored = prepared.Values(_dialect);
                var sets = family.Columns.Select((c, i) => $"{c.Column} = {sql.Add(stored.ColumnValues[i])}");
                sql.Append($"UPDATE {table} SET version = {sql.Add(write.Data!.Version)}, {string.Join(", ", sets.Append($"custom_fields = {sql.AddJson(stored.CustomFields)}").Append($"data = {sql.AddJson(stored.Json)}"))} WHERE {key} AND version = {sql.Add(write.ExpectedVersion)};");
                break;
            default:
                throw new InvalidOperationException("Inserts are written as multi-row INSERT statements.");
        }
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Statements sent together, a few hundred parameters at a time; every row write and insert must touch exactly its rows.</summary>
    private sealed class Batch(DbContext context, SqlDialect dialect, CancellationToken cancellationToken)
    {
        private SqlText _sql = new(dialect);
        private int _expectedRows;

        private int _statements;

        public async Task AddAsync(Action<SqlText> append, int expectedRows = 0)
        {
            append(_sql);
            _expectedRows += expectedRows;
            _statements++;
            if (_sql.ParameterCount > MaxParameters || _statements >= dialect.MaxStatementsPerCommand)
            {
                await FlushAsync().ConfigureAwait(false);
            }
        }

        public async Task InsertAsync(string table, string columns, List<object?[]> rows)
        {
            if (rows.Count == 0)
            {
                return;
            }

            if (rows.Count >= BulkRows)
            {
                // Many rows: the database's own bulk path (prepared statements on SQLite, binary COPY on PostgreSQL).
                await FlushAsync().ConfigureAwait(false);
                await dialect.BulkInsertAsync(context, table, columns, rows, cancellationToken).ConfigureAwait(false);
                return;
            }

            var perStatement = Math.Max(1, MaxParameters / rows[0].Length);
            foreach (var chunk in rows.Chunk(perStatement))
            {
                await AddAsync(sql => sql.Append($"INSERT INTO {table} ({columns}) VALUES {string.Join(", ", chunk.Select(row => "(" + string.Join(", ", row.Select(v => v is JsonText json ? sql.AddJson(json.Text) : sql.Add(v))) + ")"))};"), expectedRows: chunk.Length).ConfigureAwait(false);
            }
        }

        public async Task FlushAsync()
        {
            if (_sql.IsEmpty)
            {
                return;
            }

            var sql = _sql;
            var expected = _expectedRows;
            _sql = new SqlText(dialect);
            _expectedRows = 0;
            _statements = 0;
            var affected = await Commands.ExecuteAsync(context, sql, cancellationToken).ConfigureAwait(false);
            if (expected > 0 && affected != expected)
            {
                // The tenant's head row lock makes this unreachable unless something outside the store changed rows.
                throw new InvalidOperationException($"A commit expected to write {expected} rows but wrote {affected}; another writer changed the tables outside the CRM store. Nothing was committed.");
            }
        }
    }
}
