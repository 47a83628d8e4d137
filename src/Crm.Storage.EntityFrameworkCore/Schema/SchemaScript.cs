using Crm.Storage.EntityFrameworkCore.Sql;
using Crm.Storage.Querying;

namespace Crm.Storage.EntityFrameworkCore.Schema;

/// <summary>
/// The DDL of schema version 1 for one dialect and set of names: the statements the initial
/// migration runs. Every primary key, unique constraint and index starts with <c>tenant_id</c>
/// (the layout a distributed PostgreSQL such as Citus needs to shard by tenant), except the
/// outbox's event id and claim order, which the relay uses across tenants (on Citus the outbox
/// stays a local table of the coordinator).
/// </summary>
internal static class SchemaScript
{
    public static IReadOnlyList<string> Create(SqlDialect dialect, TableNames names)
    {
        var id = dialect.IdType;
        var text = dialect.TextType;
        var big = dialect.BigIntType;
        var instant = dialect.InstantType;
        var json = dialect.JsonType;
        var statements = new List<string>();
        if (names.Schema is { } schema)
        {
            statements.Add($"CREATE SCHEMA IF NOT EXISTS \"{schema}\"");
        }

        statements.Add($"CREATE TABLE {names.Tenants} (tenant_id {text} NOT NULL, position {big} NOT NULL, CONSTRAINT \"{names.Prefix}tenants_pk\" PRIMARY KEY (tenant_id))");
        statements.Add($"CREATE TABLE {names.Changes} (tenant_id {text} NOT NULL, position {big} NOT NULL, entity_type {text} NOT NULL, record_id {id} NOT NULL, kind {text} NOT NULL, version {big} NOT NULL, committed_at {instant} NOT NULL, CONSTRAINT \"{names.Prefix}changes_pk\" PRIMARY KEY (tenant_id, position))");
        statements.Add($"CREATE TABLE {names.CommitKeys} (tenant_id {text} NOT NULL, idempotency_key {text} NOT NULL, result {json} NOT NULL, CONSTRAINT \"{names.Prefix}commit_keys_pk\" PRIMARY KEY (tenant_id, idempotency_key))");
        statements.Add($"CREATE TABLE {names.AlternateKeys} (tenant_id {text} NOT NULL, entity_type {text} NOT NULL, key_name {text} NOT NULL, key_value {text} NOT NULL, record_id {id} NOT NULL, CONSTRAINT \"{names.Prefix}alternate_keys_pk\" PRIMARY KEY (tenant_id, entity_type, key_name, key_value))");
        statements.Add($"CREATE INDEX {names.Index("alternate_keys_by_record")} ON {names.AlternateKeys} (tenant_id, entity_type, record_id)");
        statements.Add($"CREATE TABLE {names.RecordValues} (tenant_id {text} NOT NULL, entity_type {text} NOT NULL, record_id {id} NOT NULL, field {text} NOT NULL, ordinal integer NOT NULL, value {text} NOT NULL, CONSTRAINT \"{names.Prefix}record_values_pk\" PRIMARY KEY (tenant_id, entity_type, record_id, field, ordinal))");
        statements.Add($"CREATE INDEX {names.Index("record_values_lookup")} ON {names.RecordValues} (tenant_id, entity_type, field, value, record_id)");
        statements.Add($"CREATE TABLE {names.ContactPoints} (tenant_id {text} NOT NULL, owner_type {text} NOT NULL, owner_id {id} NOT NULL, ordinal integer NOT NULL, kind {text} NOT NULL, value {text} NOT NULL, label {text} NOT NULL, is_primary {dialect.BooleanType} NOT NULL, CONSTRAINT \"{names.Prefix}contact_points_pk\" PRIMARY KEY (tenant_id, owner_type, owner_id, ordinal))");
        statements.Add($"CREATE UNIQUE INDEX {names.Index("contact_points_one_primary")} ON {names.ContactPoints} (tenant_id, owner_type, owner_id, kind) WHERE is_primary = {dialect.True}");
        statements.Add($"CREATE INDEX {names.Index("contact_points_lookup")} ON {names.ContactPoints} (tenant_id, owner_type, kind, value, owner_id)");
        statements.Add($"CREATE TABLE {names.Outbox} (tenant_id {text} NOT NULL, sequence {big} NOT NULL, event_id {id} NOT NULL, event_type {text} NOT NULL, subject_type {text} NOT NULL, subject_id {id} NOT NULL, occurred_at {instant} NOT NULL, payload {dialect.TextType} NOT NULL, attempts integer NOT NULL, available_at {instant} NOT NULL, CONSTRAINT \"{names.Prefix}outbox_pk\" PRIMARY KEY (tenant_id, sequence))");
        statements.Add($"CREATE UNIQUE INDEX {names.Index("outbox_event")} ON {names.Outbox} (event_id)");
        statements.Add($"CREATE INDEX {names.Index("outbox_subject")} ON {names.Outbox} (tenant_id, subject_type, subject_id, sequence)");
        statements.Add($"CREATE INDEX {names.Index("outbox_claim")} ON {names.Outbox} (sequence)");
        statements.Add($"CREATE TABLE {names.DeadLetters} (tenant_id {text} NOT NULL, sequence {big} NOT NULL, event_id {id} NOT NULL, event_type {text} NOT NULL, subject_type {text} NOT NULL, subject_id {id} NOT NULL, occurred_at {instant} NOT NULL, payload {dialect.TextType} NOT NULL, attempts integer NOT NULL, reason {text} NOT NULL, CONSTRAINT \"{names.Prefix}outbox_dead_letters_pk\" PRIMARY KEY (tenant_id, sequence))");
        statements.Add($"CREATE INDEX {names.Index("outbox_dead_letters_order")} ON {names.DeadLetters} (sequence)");
        statements.AddRange(dialect is PostgresDialect
            ? [$"CREATE SEQUENCE {names.Of("outbox_sequence")}"]
            : [$"CREATE TABLE {names.Of("sequences")} (name {text} NOT NULL PRIMARY KEY, value {big} NOT NULL)", $"INSERT INTO {names.Of("sequences")} (name, value) VALUES ('outbox', 0)"]);

        foreach (var family in RelationalFamily.BuiltIn.Append(RelationalFamily.Generic))
        {
            AddFamily(statements, dialect, names, family);
        }

        return statements;
    }

    public static IReadOnlyList<string> Drop(SqlDialect dialect, TableNames names)
    {
        var tables = new List<string> { "tenants", "changes", "commit_keys", "alternate_keys", "record_values", "contact_points", "outbox", "outbox_dead_letters" };
        tables.AddRange(RelationalFamily.BuiltIn.Append(RelationalFamily.Generic).Select(f => f.Table));
        var statements = tables.Select(t => $"DROP TABLE IF EXISTS {names.Of(t)}").ToList();
        statements.Add(dialect is PostgresDialect ? $"DROP SEQUENCE IF EXISTS {names.Of("outbox_sequence")}" : $"DROP TABLE IF EXISTS {names.Of("sequences")}");
        return statements;
    }

    private static void AddFamily(List<string> statements, SqlDialect dialect, TableNames names, RelationalFamily family)
    {
        var table = names.Of(family.Table);
        var key = family.IsGeneric ? "tenant_id, entity_type, id" : "tenant_id, id";
        var columns = new List<string> { $"tenant_id {dialect.TextType} NOT NULL" };
        if (family.IsGeneric)
        {
            columns.Add($"entity_type {dialect.TextType} NOT NULL");
        }

        columns.Add($"id {dialect.IdType} NOT NULL");
        columns.Add($"version {dialect.BigIntType} NOT NULL");
        columns.AddRange(family.Columns.Select(c => $"{c.Column} {dialect.TypeOf(c.Kind)}"));
        columns.Add($"custom_fields {dialect.JsonType} NOT NULL");
        columns.Add($"data {dialect.JsonType} NOT NULL");
        columns.Add($"CONSTRAINT \"{names.Prefix}{family.Table}_pk\" PRIMARY KEY ({key})");
        statements.Add($"CREATE TABLE {table} ({string.Join(", ", columns)})");

        var indexed = new HashSet<string>(StringComparer.Ordinal);
        void Index(string name, IEnumerable<(string Column, bool Descending)> parts)
        {
            var list = parts.ToList();
            if (indexed.Add(string.Join(",", list)))
            {
                var order = string.Join(", ", list.Select(p => dialect.Order(p.Column, p.Descending)));
                statements.Add($"CREATE INDEX {names.Index(family.Table + "_" + name)} ON {table} (tenant_id, {order}, id)");
            }
        }

        foreach (var index in family.Indexes)
        {
            if (family.Column(index.Field) is not { } column)
            {
                continue; // a list field: looked up in record_values
            }

            Index(index.Name.Replace(family.EntityType + "s_", string.Empty, StringComparison.Ordinal), [(column.Column, false), .. index.Sort.Select(s => (family.Column(s.Field)!.Column, s.Direction == SortDirection.Descending))]);
        }

        // What hosts list and filter by (recent changes, an owner's records, names) and the references
        // between records, unless a declared index already starts with the column.
        foreach (var field in new[] { "updatedAt", "ownerId", "name", "lastName", "accountId", "contactId", "occurredAt" })
        {
            if (family.Column(field) is { } column && !indexed.Any(i => i.StartsWith("(" + column.Column + ", False)", StringComparison.Ordinal)))
            {
                Index("lookup_" + column.Column, [(column.Column, false)]);
            }
        }

        if (!family.IsGeneric && dialect is PostgresDialect)
        {
            statements.Add($"CREATE INDEX {names.Index(family.Table + "_custom_fields")} ON {table} USING gin (custom_fields jsonb_path_ops)");
        }
    }
}
