using System.Text;
using Crm.Rules.Schema;
using CsCheck;

namespace Crm.Rules.Fuzz;

internal enum FuzzKind
{
    RuleText,
    JsonAst,
    Schema,
    Record,
}

/// <summary>One fuzz input: what it feeds (rule text, JSON AST, schema, record) and the text.</summary>
internal sealed record FuzzCase(FuzzKind Kind, string Input, int Base)
{
    public override string ToString() => $"{Kind} (base {Base}): {(Input.Length > 2_000 ? Input[..2_000] + $"... ({Input.Length:N0} chars)" : Input)}";
}

/// <summary>Random and mutated inputs built from the conformance rules, schema and records.</summary>
internal sealed class FuzzInputs(string[] rules, string schema, string[] records)
{
    private const string RuleAlphabet = "()[],.+-*/=!<>\" \n\t\\abcdinotrueflsAND0123456789_ué😀\u0000\u200b";
    private const string JsonAlphabet = "{}[]:,\"\\ 0123456789.-+eEtrunlfa_zA\u0000";
    private List<CompiledRule>? _compiled;

    public Gen<FuzzCase> Cases => Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, rules.Length - 1], Mutations(RuleAlphabet), (i, mutate) => new FuzzCase(FuzzKind.RuleText, mutate(rules[i]), i))),
        (1, Gen.String[Gen.Char, 0, 200].Select(s => new FuzzCase(FuzzKind.RuleText, s, -1))),
        (1, Gen.Select(Gen.Int[0, rules.Length - 1], Gen.Int[1, 4_000], (i, n) => new FuzzCase(FuzzKind.RuleText, Nest(rules[i], n), i))),
        (2, Gen.Select(Gen.Int[0, rules.Length - 1], Mutations(JsonAlphabet), (i, mutate) => new FuzzCase(FuzzKind.JsonAst, mutate(Json(rules[i])), i))),
        (1, Gen.Select(Gen.Int[0, rules.Length - 1], Gen.Int[1, 2_000], (i, n) => new FuzzCase(FuzzKind.JsonAst, string.Concat(Enumerable.Repeat("{\"not\":", n)) + Json(rules[i]) + new string('}', n), i))),
        (2, Gen.Select(Gen.Int[0, rules.Length - 1], Mutations(JsonAlphabet), (i, mutate) => new FuzzCase(FuzzKind.Schema, mutate(schema), i))),
        (2, Gen.Select(Gen.Int[0, records.Length - 1], Mutations(JsonAlphabet), Gen.Int[0, 3], (i, mutate, b) => new FuzzCase(FuzzKind.Record, mutate(records[i]), b))));

    public IEnumerable<CompiledRule> CompiledRules(RuleSchema ruleSchema) => _compiled ??= [.. rules
        .Where(r => Rule.Parse(r).Check(ruleSchema).Count == 0)
        .Select(r => Rule.Parse(r).Compile(ruleSchema))];

    private string Json(string rule)
    {
        try
        {
            return Rule.Parse(rule).ToJson();
        }
        catch (RuleException)
        {
            return "{\"field\":\"tier\"}";
        }
    }

    private static string Nest(string rule, int times) => (times % 3) switch
    {
        0 => new string('(', times) + rule + new string(')', times),
        1 => string.Concat(Enumerable.Repeat("not ", times)) + rule,
        _ => rule + string.Concat(Enumerable.Repeat(" and count(orders where amount > 1) + 1 * -2 > 0", Math.Min(times, 150))),
    };

    /// <summary>1 to 4 edits: insert, delete, replace or duplicate a span, from an alphabet of the format's own characters.</summary>
    private static Gen<Func<string, string>> Mutations(string alphabet) =>
        Gen.Select(Gen.Int[1, 4], Gen.Int.Array[16], (edits, dice) => (Func<string, string>)(text =>
        {
            var builder = new StringBuilder(text);
            for (var e = 0; e < edits; e++)
            {
                var at = builder.Length == 0 ? 0 : (int)((uint)dice[e * 4] % (uint)builder.Length);
                var length = Math.Min(builder.Length - at, (int)((uint)dice[(e * 4) + 1] % 12));
                var symbol = alphabet[(int)((uint)dice[(e * 4) + 2] % (uint)alphabet.Length)];
                switch ((uint)dice[(e * 4) + 3] % 4)
                {
                    case 0:
                        builder.Insert(at, symbol);
                        break;
                    case 1:
                        builder.Remove(at, length);
                        break;
                    case 2:
                        if (at < builder.Length)
                        {
                            builder[at] = symbol;
                        }

                        break;
                    default:
                        var span = builder.ToString(at, length);
                        builder.Insert(at, span);
                        break;
                }
            }

            return builder.ToString();
        }));
}
