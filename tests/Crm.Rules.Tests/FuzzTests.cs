using System.Diagnostics;

namespace Crm.Rules.Tests;

/// <summary>
/// Random and mutated rule text, JSON ASTs, schemas and JSONL records fed to the engine in a child
/// process (tests/Crm.Rules.Fuzz): a stack overflow would kill this test host, not fail a test.
/// Every case must end in a result or a rule error within 100 ms.
/// </summary>
public sealed class FuzzTests
{
    private const int Cases = 100_000;

    [Fact]
    public async Task A_hundred_thousand_hostile_inputs_end_in_a_result_or_an_error()
    {
        var progress = Path.Combine(Path.GetTempPath(), $"crm-rules-fuzz-{Guid.NewGuid():N}.txt");
        try
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Crm.Rules.Fuzz.dll"));
            start.ArgumentList.Add(Cases.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(progress);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var lastCase = File.Exists(progress) ? await File.ReadAllTextAsync(progress, TestContext.Current.CancellationToken) : "(none)";
            Assert.True(process.ExitCode == 0, $"The fuzz host exited with {process.ExitCode}.\n{await error}\nLast case: {lastCase}");
            Assert.StartsWith($"OK {Cases} cases", await output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(progress);
        }
    }
}
