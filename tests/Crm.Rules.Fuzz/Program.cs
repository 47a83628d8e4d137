using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Crm.Rules;
using Crm.Rules.Fuzz;
using Crm.Rules.Schema;
using CsCheck;
using NodaTime;

// The rule engine's fuzz host, run as a child process by Crm.Rules.Tests: a stack overflow or a crash
// kills this process, not the test host, and the test reports the case written to the progress file.
// Usage: Crm.Rules.Fuzz CASES PROGRESS_FILE. Exit 0 when every case ended in a result or an expected
// error within the time limit; 3 on an unexpected exception; 4 on a case slower than the limit.
var count = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
var progressPath = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), "crm-rules-fuzz.txt");
var folder = Path.Combine(AppContext.BaseDirectory, "conformance", "rules");
var schemaText = File.ReadAllText(Path.Combine(folder, "customers.schema.json"));
var schema = RuleSchema.Parse(schemaText);
var rules = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "cases.json"))).RootElement.EnumerateArray().Select(c => c.GetProperty("rule").GetString()!).ToArray();
var records = File.ReadAllLines(Path.Combine(folder, "customers.jsonl")).Where(l => l.Length > 0).ToArray();
var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
var limit = TimeSpan.FromMilliseconds(100);
var inputs = new FuzzInputs(rules, schemaText, records);
using var progress = new FileStream(progressPath, FileMode.Create, FileAccess.Write, FileShare.Read);
var counts = new Dictionary<FuzzKind, int>();
var done = 0L;

inputs.Cases.Sample(
    fuzzCase =>
    {
        Record(progress, fuzzCase);
        var watch = Stopwatch.StartNew();
        Run(fuzzCase);
        if (watch.Elapsed > limit)
        {
            // One retry: a garbage collection or the other tenant of a shared machine can stall any case once.
            watch.Restart();
            Run(fuzzCase);
            if (watch.Elapsed > limit)
            {
                Console.Error.WriteLine($"SLOW ({watch.Elapsed.TotalMilliseconds:F0} ms) {fuzzCase}");
                Environment.Exit(4);
            }
        }

        counts[fuzzCase.Kind] = counts.GetValueOrDefault(fuzzCase.Kind) + 1;
        done++;
    },
    iter: count,
    threads: 1);

Console.WriteLine($"OK {done} cases: {string.Join(", ", counts.OrderBy(c => c.Key).Select(c => $"{c.Key} {c.Value}"))}");
return 0;

void Run(FuzzCase fuzzCase)
{
    try
    {
        switch (fuzzCase.Kind)
        {
            case FuzzKind.RuleText:
                Evaluate(Rule.Parse(fuzzCase.Input).Compile(schema));
                break;
            case FuzzKind.JsonAst:
                Evaluate(Rule.FromJson(fuzzCase.Input).Compile(schema));
                break;
            case FuzzKind.Schema:
                var mutated = RuleSchema.Parse(fuzzCase.Input);
                Rule.Parse(rules[fuzzCase.Base % rules.Length]).Check(mutated);
                break;
            case FuzzKind.Record:
                JsonDocument document;
                try
                {
                    document = JsonDocument.Parse(fuzzCase.Input);
                }
                catch (Exception e) when (e is JsonException or ArgumentException)
                {
                    // Not JSON (or not valid UTF-16): the CLI reports such a line and goes on; nothing reaches the engine.
                    return;
                }

                using (document)
                {
                    foreach (var rule in inputs.CompiledRules(schema).Take(8).Skip(fuzzCase.Base % 4))
                    {
                        rule.Evaluate(document.RootElement, context);
                    }
                }

                break;
        }
    }
    catch (RuleException)
    {
        // An error with a position is a correct answer to bad input.
    }
    catch (Exception e)
    {
        Console.Error.WriteLine($"CRASH {e.GetType().Name}: {e.Message}\n{e.StackTrace}\nin {fuzzCase}");
        Environment.Exit(3);
    }
}

void Evaluate(CompiledRule compiled)
{
    foreach (var line in records)
    {
        using var document = JsonDocument.Parse(line);
        compiled.Evaluate(document.RootElement, context);
        compiled.Explain(document.RootElement, context);
    }
}

static void Record(FileStream progress, FuzzCase fuzzCase)
{
    var bytes = Encoding.UTF8.GetBytes(fuzzCase.ToString());
    progress.SetLength(0);
    progress.Write(bytes);
    progress.Flush();
}
