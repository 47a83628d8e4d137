using System.Runtime.CompilerServices;
using NodaTime.Testing;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// The migration scripts a DBA reviews live in <c>docs/schema/</c>. A change to the schema changes
/// the generated script, and this test fails until the document is updated (by a person: it writes
/// a <c>.received.sql</c> beside it locally and never approves by itself; under CI it writes nothing).
/// A changed schema also needs a new migration for databases already at version 1.
/// </summary>
public sealed class SchemaDocumentTests
{
    [Fact]
    public void The_sqlite_script_is_the_documented_one() =>
        Verify("sqlite.sql", RelationalCrmStore.ForSqlite("Data Source=unused.db", new FakeClock(default)).GenerateMigrationScript());

    [Fact]
    public void The_postgresql_script_is_the_documented_one() =>
        Verify("postgresql.sql", RelationalCrmStore.ForPostgreSql("Host=unused", new FakeClock(default)).GenerateMigrationScript());

    private static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "..", "docs", "schema"));
        Crm.Core.Tests.Json.Approval.VerifyFile(Path.Combine(directory, name), Path.Combine(directory, Path.ChangeExtension(name, ".received.sql")), actual);
    }
}
