using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.EntityFrameworkCore.Sql;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>The dialect and the names a store, its contexts and its migrations share.</summary>
/// <param name="Dialect">The database's dialect.</param>
/// <param name="Names">The table names.</param>
internal sealed record StoreSetup(SqlDialect Dialect, TableNames Names);
