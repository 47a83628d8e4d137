using System.Diagnostics;
using NodaTime;
using NodaTime.Text;

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
        CompiledRule compiled;
        try
        {
            compiled = Rule.Parse(@case.Rule).Compile(ConformanceCase.Schema);
        }
        catch (RuleException e)
        {
            Assert.True(@case.Error is not null, $"unexpected rule error: {e.Message}");
            Assert.StartsWith(@case.Error, e.Errors[0].ToString(), StringComparison.Ordinal);
            return;
        }

        Assert.True(@case.Error is null, $"expected the error {@case.Error}");
        var context = new RuleEvaluationContext(InstantPattern.ExtendedIso.Parse(@case.Now).Value, @case.Zone is null ? null : DateTimeZoneProviders.Tzdb[@case.Zone]);
        var matched = new List<string>();
        var errors = new Dictionary<string, string>();
        foreach (var (id, record) in ConformanceCase.Records)
        {
            var result = compiled.Evaluate(record, context);
            if (result.Error is not null)
            {
                errors[id] = result.Error;
            }
            else if (result.Matched)
            {
                matched.Add(id);
            }
        }

        Assert.Equal(@case.Expect!, matched);
        AssertRecordErrors(@case, errors);
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
        Assert.Equal(@case.Expect!, output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var errors = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(": ", 2)).ToDictionary(p => p[0], p => p[1]);
        AssertRecordErrors(@case, errors);
    }

    private static void AssertRecordErrors(ConformanceCase @case, Dictionary<string, string> errors)
    {
        Assert.Equal(@case.RecordErrors.Keys.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, fragment) in @case.RecordErrors)
        {
            Assert.Contains(fragment, errors[id], StringComparison.Ordinal);
        }
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
