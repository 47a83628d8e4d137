using System.Text.RegularExpressions;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// Where the CRM's tables live, so an ERP can put them beside its own: a schema (PostgreSQL) and a
/// prefix for every table and index name. Migrations and every statement use these names.
/// </summary>
public sealed partial class RelationalStoreOptions
{
    /// <summary>The PostgreSQL schema of the CRM tables, or <see langword="null"/> for the connection's default (usually <c>public</c>). SQLite has no schemas and ignores it.</summary>
    public string? Schema { get; set; }

    /// <summary>The prefix of every table and index name (default <c>crm_</c>); lower-case letters, digits and underscores, at most 20 characters (PostgreSQL cuts names at 63 bytes, and the longest index name adds 43).</summary>
    public string TablePrefix { get; set; } = "crm_";

    /// <summary>Throws when a name is not a plain lower-case SQL identifier (names are written into SQL unquoted-safe).</summary>
    /// <exception cref="ArgumentException">The schema or prefix is not a plain identifier.</exception>
    public void Validate()
    {
        if (Schema is not null && !Identifier().IsMatch(Schema))
        {
            throw new ArgumentException($"The schema name '{Schema}' is not a plain identifier: use lower-case letters, digits and underscores, starting with a letter (at most 40 characters).", nameof(Schema));
        }

        if (TablePrefix.Length > 0 && (!Identifier().IsMatch(TablePrefix) || TablePrefix.Length > 20))
        {
            throw new ArgumentException($"The table prefix '{TablePrefix}' is not a plain identifier of at most 20 characters: use lower-case letters, digits and underscores, starting with a letter (PostgreSQL cuts longer index names, which then collide).", nameof(TablePrefix));
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
