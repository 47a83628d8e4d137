using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>Runs the store's SQL through EF Core's command pipeline, so EF's logging, diagnostics and the host's interceptors see every statement.</summary>
internal static class Commands
{
    public static async Task<int> ExecuteAsync(DbContext context, SqlText sql, CancellationToken cancellationToken) =>
        sql.IsEmpty ? 0 : await context.Database.ExecuteSqlRawAsync(sql.ToString(), sql.Parameters, cancellationToken).ConfigureAwait(false);

    public static async Task<RelationalDataReader> ReadAsync(DbContext context, SqlText sql, CancellationToken cancellationToken)
    {
        var command = context.GetService<IRawSqlCommandBuilder>().Build(sql.ToString(), sql.Parameters, context.Model);
        return await command.RelationalCommand.ExecuteReaderAsync(
            new RelationalCommandParameterObject(
                context.GetService<IRelationalConnection>(),
                command.ParameterValues,
                null,
                context,
                context.GetService<IRelationalCommandDiagnosticsLogger>(),
                CommandSource.FromSqlQuery),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads every row with a projection.</summary>
    public static async Task<List<T>> ListAsync<T>(DbContext context, SqlText sql, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var reader = await ReadAsync(context, sql, cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var rows = new List<T>();
            while (await reader.DbDataReader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader.DbDataReader));
            }

            return rows;
        }
    }

    /// <summary>Reads the first column of the first row as a count (SQLite and PostgreSQL return different integer types).</summary>
    public static async Task<long> CountAsync(DbContext context, SqlText sql, CancellationToken cancellationToken) =>
        (await ListAsync(context, sql, r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false))[0];
}
