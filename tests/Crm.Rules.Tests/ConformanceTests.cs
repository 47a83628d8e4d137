using System.Diagnostics;

namespace Crm.Rules.Tests;

/// <summary>Every conformance case, in memory and through the crm CLI in a child process.</summary>
public sealed class ConformanceTests
{
    [Fact]
    public void The_case_names_are_unique_and_every_case_expects_something()
    {
        Assert.Equal(ConformanceCase.All.Count, ConformanceCase.All.Select(c => c.Name).Distinct().Count());
        Assert.All(ConformanceCase.All, c => Assert.True(c.Expect is null != (c.Error is null), c.Name));
    }

    [Theory]
    [MemberData(nameof(ConformanceCase.Names), MemberType = typeof(ConformanceCase))]
    public void In_memory(string name)
    {
        var @case = ConformanceCase.Named(name);
        if (@case.CompileOrExpectError() is { } compiled)
        {
            var (matched, errors) = ConformanceCase.Run(compiled, @case.Context, ConformanceCase.Records);
            @case.AssertOutcome(matched, errors);
        }
    }

    [Theory]
    [MemberData(nameof(ConformanceCase.Names), MemberType = typeof(ConformanceCase))]
    public async Task Through_the_cli(string name)
    {
        var @case = ConformanceCase.Named(name);
        List<string> arguments = ["rules", "eval", "--schema", ConformanceCase.SchemaPath, "--data", ConformanceCase.DataPath, "--rule", @case.Rule, "--now", @case.Now];
        if (@case.Zone is not null)
        {
            arguments.AddRange(["--zone", @case.Zone]);
        }

        var (exit, output, error) = await Cli.RunAsync(arguments);
        if (@case.Error is not null)
        {
            Assert.Equal(1, exit);
            Assert.StartsWith(@case.Error, error, StringComparison.Ordinal);
            Assert.Equal(string.Empty, output);
            return;
        }

        Assert.True(exit == 0, error);
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        @case.AssertOutcome(output.Split('\n', StringSplitOptions.RemoveEmptyEntries), errors);
    }
}

/// <summary>Runs the crm CLI (built beside the tests) in a child process.</summary>
internal static class Cli
{
    public static async Task<(int Exit, string Output, string Error)> RunAsync(IEnumerable<string> arguments, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardErrorEncoding = System.Text.Encoding.UTF8,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crm.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, (await output).Replace("\r", string.Empty, StringComparison.Ordinal), (await error).Replace("\r", string.Empty, StringComparison.Ordinal));
    }
}
