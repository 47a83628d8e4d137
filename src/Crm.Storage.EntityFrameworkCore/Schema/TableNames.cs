namespace Crm.Storage.EntityFrameworkCore.Schema;

/// <summary>The quoted, qualified names of the CRM's tables for one <see cref="RelationalStoreOptions"/>.</summary>
internal sealed class TableNames
{
    public TableNames(RelationalStoreOptions options, bool supportsSchemas)
    {
        options.Validate();
        Prefix = options.TablePrefix;
        Schema = supportsSchemas ? options.Schema : null;
    }

    /// <summary>The prefix of table and index names.</summary>
    public string Prefix { get; }

    /// <summary>The schema, or <see langword="null"/>.</summary>
    public string? Schema { get; }

    /// <summary>The bare (unqualified, unquoted) name of a table.</summary>
    public string Bare(string table) => Prefix + table;

    /// <summary>The qualified, quoted name of a table.</summary>
    public string Of(string table) => Schema is null ? $"\"{Prefix}{table}\"" : $"\"{Schema}\".\"{Prefix}{table}\"";

    /// <summary>The quoted name of an index (indexes live in the table's schema).</summary>
    public string Index(string name) => $"\"{Prefix}{name}\"";

    public string Tenants => Of("tenants");

    public string Changes => Of("changes");

    public string CommitKeys => Of("commit_keys");

    public string AlternateKeys => Of("alternate_keys");

    public string RecordValues => Of("record_values");

    public string ContactPoints => Of("contact_points");

    public string Outbox => Of("outbox");

    public string DeadLetters => Of("outbox_dead_letters");

    /// <summary>The bare name of EF Core's migrations history table for the CRM.</summary>
    public string MigrationsHistory => Bare("migrations_history");
}
