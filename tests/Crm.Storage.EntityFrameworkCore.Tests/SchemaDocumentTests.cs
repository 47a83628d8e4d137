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
        var verified = Path.Combine(directory, name);
        var received = Path.Combine(directory, Path.ChangeExtension(name, ".received.sql"));
        var normalized = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            File.Delete(received);
            return;
        }

        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(received, normalized);
        }

        Assert.Fail($"The generated schema differs from {verified}.{(inCi ? " CI never approves documents." : $" Review {received} and rename it if the change is intended (and add a migration).")}");
    }
}
