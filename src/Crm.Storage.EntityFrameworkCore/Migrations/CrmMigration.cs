using Crm.Storage.EntityFrameworkCore.Schema;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Crm.Storage.EntityFrameworkCore.Migrations;

/// <summary>A CRM migration: its statements honour the store's configured schema and table prefix, given by <see cref="CrmMigrationsAssembly"/>.</summary>
internal abstract class CrmMigration : Migration
{
    /// <summary>The dialect and names of the store being migrated.</summary>
    public StoreSetup Setup { get; set; } = null!;
}

/// <summary>Schema version 1: every table, key and index of <see cref="SchemaScript"/>.</summary>
internal abstract class InitialMigration : CrmMigration
{
    /// <summary>The migration id, shared by both providers.</summary>
    public const string Id = "20261126000000_Initial";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in SchemaScript.Create(Setup.Dialect, Setup.Names))
        {
            migrationBuilder.Sql(statement + ";");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in SchemaScript.Drop(Setup.Dialect, Setup.Names))
        {
            migrationBuilder.Sql(statement + ";");
        }
    }
}

/// <summary>Schema version 1 on SQLite.</summary>
[Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(SqliteCrmDbContext))]
[Migration(Id)]
internal sealed class SqliteInitialMigration : InitialMigration;

/// <summary>Schema version 1 on PostgreSQL.</summary>
[Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(PostgresCrmDbContext))]
[Migration(Id)]
internal sealed class PostgresInitialMigration : InitialMigration;

/// <summary>
/// Schema version 2: an index of purchases by account that holds what RFM and tiers read (day,
/// total, currency), so the analyses group purchases from the index without visiting the rows and
/// their JSON documents.
/// </summary>
internal abstract class PurchaseValueIndexMigration : CrmMigration
{
    /// <summary>The migration id, shared by both providers.</summary>
    public const string Id = "20261127000000_PurchaseValueIndex";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"CREATE INDEX {Setup.Names.Index("purchases_value")} ON {Setup.Names.Of("purchases")} (tenant_id, account_id, ordered_on, total, currency);");

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql($"DROP INDEX IF EXISTS {Setup.Names.Of("purchases_value")};");
}

/// <summary>Schema version 2 on SQLite.</summary>
[Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(SqliteCrmDbContext))]
[Migration(Id)]
internal sealed class SqlitePurchaseValueIndexMigration : PurchaseValueIndexMigration;

/// <summary>Schema version 2 on PostgreSQL.</summary>
[Microsoft.EntityFrameworkCore.Infrastructure.DbContext(typeof(PostgresCrmDbContext))]
[Migration(Id)]
internal sealed class PostgresPurchaseValueIndexMigration : PurchaseValueIndexMigration;
