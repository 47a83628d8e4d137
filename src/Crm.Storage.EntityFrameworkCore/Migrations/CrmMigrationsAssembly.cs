using System.Reflection;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Crm.Storage.EntityFrameworkCore.Migrations;

/// <summary>
/// Finds the CRM's migrations for the context's provider and hands each the store's names, so a
/// migration creates the tables where the host configured them.
/// </summary>
internal sealed class CrmMigrationsAssembly(ICurrentDbContext currentContext) : IMigrationsAssembly
{
    private readonly Type _contextType = currentContext.Context.GetType();
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= typeof(CrmMigration).Assembly.DefinedTypes
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(CrmMigration)) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == _contextType)
        .ToDictionary(t => t.GetCustomAttribute<MigrationAttribute>()!.Id, t => t, StringComparer.Ordinal)
        .OrderBy(p => p.Key, StringComparer.Ordinal)
        .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public ModelSnapshot? ModelSnapshot => null;

    public Assembly Assembly => typeof(CrmMigration).Assembly;

    public string? FindMigrationId(string nameOrId) =>
        Migrations.Keys.FirstOrDefault(id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase) || string.Equals(id[(id.IndexOf('_', StringComparison.Ordinal) + 1)..], nameOrId, StringComparison.OrdinalIgnoreCase));

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        ArgumentNullException.ThrowIfNull(migrationClass);
        var migration = (CrmMigration)Activator.CreateInstance(migrationClass.AsType(), nonPublic: true)!;
        migration.ActiveProvider = activeProvider;
        migration.Setup = ((CrmDbContext)currentContext.Context).Setup;
        return migration;
    }
}
