using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Rules.Schema;
using NodaTime;
using NodaTime.Text;

namespace Crm.Rules.Tests;

/// <summary>One case of tests/conformance/rules/cases.json: a rule over the shared schema and records, and what it must give.</summary>
public sealed record ConformanceCase
{
    public required string Name { get; init; }

    public required string Rule { get; init; }

    public string Now { get; init; } = "2026-11-26T12:00:00Z";

    public string? Zone { get; init; }

    /// <summary>Matching ids in input order (absent for an error case).</summary>
    public IReadOnlyList<string>? Expect { get; init; }

    /// <summary>Per record id, a fragment of its error message.</summary>
    public IReadOnlyDictionary<string, string> RecordErrors { get; init; } = new Dictionary<string, string>();

    /// <summary>The start of the rule error (<c>line:column: message</c>).</summary>
    public string? Error { get; init; }

    public override string ToString() => Name;

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "conformance", "rules");

    public static string SchemaPath => Path.Combine(Folder, "customers.schema.json");

    public static string DataPath => Path.Combine(Folder, "customers.jsonl");

    private static readonly JsonSerializerOptions Options = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static IReadOnlyList<ConformanceCase> All { get; } = JsonSerializer.Deserialize<List<ConformanceCase>>(File.ReadAllText(Path.Combine(Folder, "cases.json")), Options)!;

    public static RuleSchema Schema { get; } = RuleSchema.Parse(File.ReadAllText(SchemaPath));

    public static IReadOnlyList<(string Id, JsonElement Record)> Records { get; } = [.. File.ReadLines(DataPath)
        .Where(line => line.Length > 0)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .Select(e => (e.GetProperty("id").GetString()!, e))];

    public static TheoryData<string> Names => [.. All.Select(c => c.Name)];

    public static ConformanceCase Named(string name) => All.Single(c => c.Name == name);

    /// <summary>The run's time and zone.</summary>
    public RuleEvaluationContext Context => new(InstantPattern.ExtendedIso.Parse(Now).Value, Zone is null ? null : DateTimeZoneProviders.Tzdb[Zone]);

    /// <summary>The compiled rule; null after checking the expected rule error of an error case.</summary>
    public CompiledRule? CompileOrExpectError()
    {
        try
        {
            var compiled = Crm.Rules.Rule.Parse(Rule).Compile(Schema);
            Assert.True(Error is null, $"expected the error {Error}");
            return compiled;
        }
        catch (RuleException e)
        {
            Assert.True(Error is not null, $"unexpected rule error: {e.Message}");
            Assert.StartsWith(Error, e.Errors[0].ToString(), StringComparison.Ordinal);
            return null;
        }
    }

    /// <summary>Evaluates the rule over records (in their order) into matched ids and record errors.</summary>
    public static (List<string> Matched, Dictionary<string, string> Errors) Run(CompiledRule rule, RuleEvaluationContext context, IEnumerable<(string Id, JsonElement Record)> records)
    {
        var matched = new List<string>();
        var errors = new Dictionary<string, string>();
        foreach (var (id, record) in records)
        {
            var result = rule.Evaluate(record, context);
            if (result.Error is not null)
            {
                errors[id] = result.Error;
            }
            else if (result.Matched)
            {
                matched.Add(id);
            }
        }

        return (matched, errors);
    }

    /// <summary>Asserts the case's matches (in input order) and record errors (each containing the expected fragment).</summary>
    public void AssertOutcome(IReadOnlyList<string> matched, IReadOnlyDictionary<string, string> errors)
    {
        Assert.Equal(Expect!, matched);
        Assert.Equal(RecordErrors.Keys.Order(StringComparer.Ordinal), errors.Keys.Order(StringComparer.Ordinal));
        foreach (var (id, fragment) in RecordErrors)
        {
            Assert.Contains(fragment, errors[id], StringComparison.Ordinal);
        }
    }
}
