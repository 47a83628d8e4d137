using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Rules.Schema;

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
}
