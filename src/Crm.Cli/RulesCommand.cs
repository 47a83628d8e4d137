using System.Text;
using System.Text.Json;
using Crm.Rules;
using Crm.Rules.Schema;
using NodaTime;
using NodaTime.Text;

namespace Crm.Cli;

/// <summary>
/// <c>crm rules check|eval|explain|to-json|from-json</c>. Exit codes: 0 ok (record errors go to stderr
/// as <c>id: message</c>), 1 rule error (with line:column), 2 bad usage or unreadable input.
/// </summary>
internal static class RulesCommand
{
    public const int Ok = 0;
    public const int RuleError = 1;
    public const int Usage = 2;

    private const string Help = """
        usage:
          crm rules check     --schema FILE (--rule TEXT | --rule-file FILE)
          crm rules eval      --schema FILE --data FILE.jsonl (--rule TEXT | --rule-file FILE) [--now INSTANT] [--zone TZ]
          crm rules explain   --schema FILE --data FILE.jsonl --id ID (--rule TEXT | --rule-file FILE) [--now INSTANT] [--zone TZ]
          crm rules to-json   (--rule TEXT | --rule-file FILE)
          crm rules from-json --json TEXT
        exit codes: 0 ok, 1 rule error, 2 bad usage or unreadable input
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            if (args.Length < 2 || args[0] != "rules")
            {
                throw new UsageException(args.Length == 0 || args[0] is "--help" or "-h" or "help" ? "a command is required" : $"unknown command '{string.Join(' ', args.Take(2))}'");
            }

            var rest = args[2..];
            return args[1] switch
            {
                "check" => Check(CliArguments.Parse(rest, Set("schema", "rule", "rule-file")), output),
                "eval" => Eval(CliArguments.Parse(rest, Set("schema", "data", "rule", "rule-file", "now", "zone")), output, error),
                "explain" => Explain(CliArguments.Parse(rest, Set("schema", "data", "id", "rule", "rule-file", "now", "zone")), output),
                "to-json" => ToJson(CliArguments.Parse(rest, Set("rule", "rule-file")), output),
                "from-json" => FromJson(CliArguments.Parse(rest, Set("json")), output),
                var other => throw new UsageException($"unknown command 'rules {other}'"),
            };
        }
        catch (UsageException e)
        {
            error.WriteLine("crm: " + e.Message);
            error.WriteLine(Help);
            return Usage;
        }
        catch (RuleException e)
        {
            foreach (var problem in e.Errors)
            {
                error.WriteLine(problem.ToString());
            }

            return RuleError;
        }
    }

    private static HashSet<string> Set(params string[] names) => new(names, StringComparer.Ordinal);

    private static int Check(CliArguments arguments, TextWriter output)
    {
        var schema = Schema(arguments);
        var rule = Rule.Parse(arguments.RuleText());
        rule.Compile(schema);
        output.WriteLine(rule.Text);
        return Ok;
    }

    private static int ToJson(CliArguments arguments, TextWriter output)
    {
        output.WriteLine(Rule.Parse(arguments.RuleText()).ToJson());
        return Ok;
    }

    private static int FromJson(CliArguments arguments, TextWriter output)
    {
        output.WriteLine(Rule.FromJson(arguments.Required("json")).Text);
        return Ok;
    }

    private static int Eval(CliArguments arguments, TextWriter output, TextWriter error)
    {
        var schema = Schema(arguments);
        var compiled = Rule.Parse(arguments.RuleText()).Compile(schema);
        var context = Context(arguments);
        foreach (var (id, record, problem) in Records(arguments.Required("data")))
        {
            if (problem is not null)
            {
                error.WriteLine($"{id}: {problem}");
                continue;
            }

            using (record)
            {
                var result = compiled.Evaluate(record!.RootElement, context);
                if (result.Error is not null)
                {
                    error.WriteLine($"{id}: {result.Error}");
                }
                else if (result.Matched)
                {
                    output.WriteLine(id);
                }
            }
        }

        return Ok;
    }

    private static int Explain(CliArguments arguments, TextWriter output)
    {
        var schema = Schema(arguments);
        var compiled = Rule.Parse(arguments.RuleText()).Compile(schema);
        var context = Context(arguments);
        var wanted = arguments.Required("id");
        foreach (var (id, record, _) in Records(arguments.Required("data")))
        {
            using (record)
            {
                if (record is null || !string.Equals(id, wanted, StringComparison.Ordinal))
                {
                    continue;
                }

                var explanation = compiled.Explain(record.RootElement, context);
                foreach (var entry in explanation.Trace)
                {
                    output.WriteLine($"{new string(' ', entry.Depth * 2)}{entry.Expression}  =>  {entry.Value}");
                }

                output.WriteLine(explanation.Result.Error is { } problem
                    ? $"{id}: error: {problem}"
                    : $"{id}: {(explanation.Result.Matched ? "matched" : "not matched")}");
                return Ok;
            }
        }

        throw new UsageException($"no record with id '{wanted}' in {arguments.Required("data")}");
    }

    private static RuleSchema Schema(CliArguments arguments)
    {
        var path = arguments.Required("schema");
        try
        {
            return RuleSchema.Parse(CliArguments.ReadFile(path));
        }
        catch (RuleException e)
        {
            throw new UsageException($"{path}: {e.Errors[0].Message}");
        }
    }

    private static RuleEvaluationContext Context(CliArguments arguments)
    {
        var now = SystemClock.Instance.GetCurrentInstant();
        if (arguments.Optional("now") is { } text)
        {
            var parsed = InstantPattern.ExtendedIso.Parse(text);
            now = parsed.Success && text.EndsWith('Z') ? parsed.Value : throw new UsageException($"--now '{text}' is not an instant (ISO 8601 ending in Z)");
        }

        DateTimeZone? zone = null;
        if (arguments.Optional("zone") is { } zoneId)
        {
            zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId) ?? throw new UsageException($"--zone '{zoneId}' is not a time zone of the tz database (e.g. Europe/Berlin)");
        }

        return new RuleEvaluationContext(now, zone);
    }

    /// <summary>The records of a JSONL file in order; a line that is not a JSON object is reported, not fatal.</summary>
    private static IEnumerable<(string Id, JsonDocument? Record, string? Problem)> Records(string path)
    {
        StreamReader reader;
        try
        {
            reader = new StreamReader(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }

        using (reader)
        {
            var number = 0;
            while (ReadLine(reader, path) is { } line)
            {
                number++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                var (document, problem) = ParseRecord(line);
                if (document is null)
                {
                    yield return ($"line {number}", null, problem);
                    continue;
                }

                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    document.Dispose();
                    yield return ($"line {number}", null, "not a JSON object");
                    continue;
                }

                yield return (Id(document.RootElement, number), document, null);
            }
        }
    }

    private static (JsonDocument? Document, string? Problem) ParseRecord(string line)
    {
        try
        {
            return (JsonDocument.Parse(line), null);
        }
        catch (JsonException e)
        {
            return (null, "not valid JSON: " + e.Message);
        }
    }

    private static string? ReadLine(StreamReader reader, string path)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (IOException e)
        {
            throw new UsageException($"cannot read {path}: {e.Message}");
        }
    }

    private static string Id(JsonElement record, int line) => record.TryGetProperty("id", out var id) ? id.ValueKind switch
    {
        JsonValueKind.String => id.GetString()!,
        JsonValueKind.Number => id.GetRawText(),
        _ => $"line {line}",
    } : $"line {line}";
}
