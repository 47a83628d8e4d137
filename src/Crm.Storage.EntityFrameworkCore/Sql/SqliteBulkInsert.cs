using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>
/// Many rows into one SQLite table through one prepared statement on the connection's own handle,
/// inside the transaction that is open on it. Below Microsoft.Data.Sqlite on purpose: its commands
/// rebind every parameter and allocate a reader per execution; here a value equal to the previous
/// row's stays bound (SQLite keeps bindings across resets) and text is encoded into one reused buffer.
/// </summary>
internal static class SqliteBulkInsert
{
    public static void Run(SqliteConnection connection, string table, string columns, IReadOnlyList<object?[]> rows)
    {
        var db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        var width = rows[0].Length;
        var sql = $"INSERT INTO {table} ({columns}) VALUES ({string.Join(", ", Enumerable.Range(1, width).Select(i => "?" + i.ToString(CultureInfo.InvariantCulture)))})";
        Check(db, raw.sqlite3_prepare_v2(db, sql, out var statement));
        using (statement)
        {
            var bound = new object?[width];
            var buffer = ArrayPool<byte>.Shared.Rent(1024);
            try
            {
                for (var r = 0; r < rows.Count; r++)
                {
                    var row = rows[r];
                    for (var i = 0; i < width; i++)
                    {
                        var value = row[i] is JsonText json ? json.Text : row[i];
                        if (r > 0 && Equals(value, bound[i]))
                        {
                            continue;
                        }

                        Check(db, Bind(statement, i + 1, value, ref buffer));
                        bound[i] = value;
                    }

                    var result = raw.sqlite3_step(statement);
                    if (result != raw.SQLITE_DONE)
                    {
                        raw.sqlite3_reset(statement);
                        Check(db, result);
                    }

                    if (raw.sqlite3_changes(db) != 1)
                    {
                        throw new InvalidOperationException($"A bulk insert into {table} did not insert its row; nothing was committed.");
                    }

                    Check(db, raw.sqlite3_reset(statement));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value, ref byte[] buffer)
    {
        switch (value)
        {
            case null or DBNull:
                return raw.sqlite3_bind_null(statement, index);
            case string text:
                var length = Encoding.UTF8.GetMaxByteCount(text.Length);
                if (length > buffer.Length)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = ArrayPool<byte>.Shared.Rent(length);
                }

                // SQLite copies the text (SQLITE_TRANSIENT), so the buffer is free again after the call.
                return raw.sqlite3_bind_text(statement, index, buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
            case long number:
                return raw.sqlite3_bind_int64(statement, index, number);
            case int number:
                return raw.sqlite3_bind_int64(statement, index, number);
            case bool flag:
                return raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0);
            default:
                throw new InvalidOperationException($"A bulk insert cannot bind a {value.GetType().Name}; this is a bug.");
        }
    }

    private static void Check(sqlite3 db, int result)
    {
        if (result != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(result, db);
        }
    }
}
