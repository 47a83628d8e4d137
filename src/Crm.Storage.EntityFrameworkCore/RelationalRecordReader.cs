using System.Data.Common;
using System.Text.Json;
using Crm.Customers;
using Crm.Json;
using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.EntityFrameworkCore.Sql;
using Crm.Storage.Querying;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>Reads one family with SQL: every filter, sort and keyset page runs in the database and returns at most the page.</summary>
internal sealed class RelationalRecordReader<TData>(RelationalCrmStore store) : IRecordQueryable<TData>, IBulkRecordReader<TData>
    where TData : AggregateData
{
    private readonly RelationalFamily _family = RelationalFamily.Of(RecordFields.EntityTypeOf<TData>());
    private readonly string _entityType = RecordFields.EntityTypeOf<TData>();

    public async ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken)
    {
        var sql = Select(context, out _);
        sql.Append($" AND r.id = {sql.Add(store.Setup.Dialect.Id(id))}");
        return await ReadAsync(sql, cancellationToken).ConfigureAwait(false) is [var found, ..] ? found : null;
    }

    public async ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        ArgumentNullException.ThrowIfNull(value);
        var sql = Select(context, out var tenant);
        sql.Append($" AND r.id = (SELECT k.record_id FROM {store.Setup.Names.AlternateKeys} k WHERE k.tenant_id = {tenant} AND k.entity_type = {sql.Add(_entityType)} AND k.key_name = {sql.Add(keyName)} AND k.key_value = {sql.Add(value)})");
        return await ReadAsync(sql, cancellationToken).ConfigureAwait(false) is [var found, ..] ? found : null;
    }

    public async ValueTask<IReadOnlyList<TData>> FindManyAsync(OperationContext context, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var found = new List<TData>(ids.Count);
        foreach (var chunk in ids.Chunk(SqlDialect.MaxListValues))
        {
            var sql = Select(context, out _);
            sql.Append($" AND {store.Setup.Dialect.InIds(sql, "r.id", chunk)}");
            found.AddRange(await ReadAsync(sql, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    public async ValueTask<IReadOnlyList<TData>> FindManyByAlternateKeyAsync(OperationContext context, string keyName, IReadOnlyCollection<string> values, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        ArgumentNullException.ThrowIfNull(values);
        var found = new List<TData>(values.Count);
        foreach (var chunk in values.Chunk(SqlDialect.MaxListValues))
        {
            var sql = Select(context, out var tenant);
            sql.Append($" AND r.id IN (SELECT k.record_id FROM {store.Setup.Names.AlternateKeys} k WHERE k.tenant_id = {tenant} AND k.entity_type = {sql.Add(_entityType)} AND k.key_name = {sql.Add(keyName)} AND {store.Setup.Dialect.InTexts(sql, "k.key_value", chunk)})");
            found.AddRange(await ReadAsync(sql, cancellationToken).ConfigureAwait(false));
        }

        return found;
    }

    public async ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var sql = Select(context, out _);
        if (afterId is { } after)
        {
            sql.Append($" AND r.id > {sql.Add(store.Setup.Dialect.Id(after))}");
        }

        sql.Append($" ORDER BY r.id LIMIT {sql.Add(limit)}");
        return await ReadAsync(sql, cancellationToken).ConfigureAwait(false);
    }

    public bool CanEvaluate(StoreQuery query) => QuerySql.CanTranslate(_family, query);

    public async ValueTask<IReadOnlyList<TData>> QueryAsync(OperationContext context, StoreQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sql = Select(context, out var tenant);
        var translate = new QuerySql(_family, store.Setup.Names, sql, tenant);
        sql.Append(" AND ").Append(translate.Where(query.Filter));
        sql.Append(" AND ").Append(translate.After(query.Sort, query.After));
        sql.Append(" ORDER BY ").Append(translate.OrderBy(query.Sort));
        sql.Append($" LIMIT {sql.Add(query.Limit)}");
        return await ReadAsync(sql, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountAsync(OperationContext context, Filter? filter, CancellationToken cancellationToken)
    {
        var sql = new SqlText(store.Setup.Dialect);
        var tenant = sql.Add(RelationalCrmStore.TenantOf(context));
        sql.Append($"SELECT COUNT(*) FROM {store.Setup.Names.Of(_family.Table)} r WHERE r.tenant_id = {tenant}");
        if (_family.IsGeneric)
        {
            sql.Append($" AND r.entity_type = {sql.Add(_entityType)}");
        }

        sql.Append(" AND ").Append(new QuerySql(_family, store.Setup.Names, sql, tenant).Where(filter));
        var db = store.CreateContext();
        await using (db.ConfigureAwait(false))
        {
            return await Commands.CountAsync(db, sql, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Reads a record from its <c>custom_fields</c> and <c>data</c> columns (the custom fields column keeps each value's kind, which plain JSON loses for dates and instants).</summary>
    internal static TData Materialise(DbDataReader reader)
    {
        var data = JsonSerializer.Deserialize<TData>(reader.GetString(1), CrmJson.Options)
            ?? throw new InvalidOperationException("A stored record is JSON null.");
        return (TData)((AggregateData)data with { CustomFields = SortableText.ParseCustomFields(reader.GetString(0)) });
    }

    private SqlText Select(OperationContext context, out string tenant)
    {
        var sql = new SqlText(store.Setup.Dialect);
        tenant = sql.Add(RelationalCrmStore.TenantOf(context));
        sql.Append($"SELECT r.custom_fields, r.data FROM {store.Setup.Names.Of(_family.Table)} r WHERE r.tenant_id = {tenant}");
        if (_family.IsGeneric)
        {
            sql.Append($" AND r.entity_type = {sql.Add(_entityType)}");
        }

        return sql;
    }

    private async Task<IReadOnlyList<TData>> ReadAsync(SqlText sql, CancellationToken cancellationToken)
    {
        var context = store.CreateContext();
        await using (context.ConfigureAwait(false))
        {
            return await Commands.ListAsync(context, sql, Materialise, cancellationToken).ConfigureAwait(false);
        }
    }
}
