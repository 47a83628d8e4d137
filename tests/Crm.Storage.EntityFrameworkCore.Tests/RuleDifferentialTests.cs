using System.Globalization;
using System.Text.Json;
using Crm.Customers;
using Crm.Json;
using Crm.Rules;
using Crm.Rules.Clr;
using Crm.Rules.Schema;
using Crm.Sessions;
using Crm.Storage.InMemory;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// The type-directed differential test: 2,000 generated, well-typed rules over 500 generated
/// contacts, each evaluated three ways that must agree — compiled over <see cref="ContactData"/>,
/// by the JSON evaluator over the contacts in the JSON contract, and selected through a store
/// (pushed-down filter, then the re-check). Covers every comparison, list and collection operator,
/// string functions, null and absent values, equal numbers at different scales, non-ASCII text and
/// instants around a DST change.
/// </summary>
public abstract class RuleDifferentialTests : ContactStoreTest
{
    private const int RuleCount = 2_000;
    private const int ContactCount = 500;

    private static readonly Instant Now = Instant.FromUtc(2026, 3, 29, 1, 0, 0);
    private static readonly RuleEvaluationContext Run = new(Now + Duration.FromTicks(4_321), DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
    private static readonly string[] Texts = ["Schmidt", "schmidt", "Müller", "Ämter", "S", "", "Zoë", "😀", "\uE000", "a b", "Intern", "Buyer", "vip", "b2b", "c1@example.com"];

    protected override TenantId Tenant { get; } = new("differential");

    protected override IClock Clock { get; } = new NodaTime.Testing.FakeClock(Now);

    protected override IEnumerable<ContactData> Seed()
    {
        var random = new Random(29_03_2026);
        string? Text() => random.Next(6) == 0 ? null : Texts[random.Next(Texts.Length)];
        for (var i = 0; i < ContactCount; i++)
        {
            yield return new ContactData
            {
                Id = ContactId.FromGuid(Guid.CreateVersion7()),
                TenantId = Tenant,
                Version = 1,
                // Around the DST change in Berlin (2026-03-29 01:00 UTC), to the microsecond.
                CreatedAt = Now + Duration.FromMinutes(random.Next(-180, 180)) + Duration.FromTicks(random.Next(3) * 10),
                UpdatedAt = Now,
                FirstName = Text(),
                LastName = Text(),
                JobTitle = Text(),
                Classification = Text(),
                LifecycleStage = (LifecycleStage)random.Next(9),
                Tags = [.. Enumerable.Range(0, random.Next(3)).Select(_ => Texts[random.Next(Texts.Length)])],
                ContactPoints = [.. Enumerable.Range(0, random.Next(3)).Select(n => n == 0 && random.Next(2) == 0
                    ? ContactPoint.Email($"c{random.Next(3)}@example.com", primary: true)
                    : ContactPoint.Phone("+49301234" + random.Next(100, 999).ToString(CultureInfo.InvariantCulture), label: (ContactPointLabel)random.Next(2)))],
            };
        }
    }

    [Fact]
    public async Task Generated_rules_agree_compiled_over_json_and_through_the_store()
    {
        var clrSchema = ClrRuleSchema.For<ContactData>();
        var jsonSchema = RuleSchema.Parse(JsonSerializer.Serialize(Document(clrSchema.Root)));
        var records = Contacts.Select(c => JsonSerializer.SerializeToElement(c, CrmJson.Options)).ToList();
        var session = OpenSession();
        var rules = RuleTexts.Array[RuleCount].Single();
        var matchedSomewhere = 0;
        foreach (var text in rules)
        {
            var rule = Rule.Parse(text);
            var overClr = rule.Compile<ContactData>(clrSchema);
            var overJson = rule.Compile(jsonSchema);
            var expected = new List<ContactId>();
            for (var i = 0; i < Contacts.Count; i++)
            {
                var clr = overClr.Evaluate(Contacts[i], Run);
                var json = overJson.Evaluate(records[i], Run);
                Assert.True(clr.Matched == json.Matched && (clr.Error is null) == (json.Error is null), $"{text}\n{records[i]}\nCLR {clr}, JSON {json}");
                if (clr.Matched)
                {
                    expected.Add(Contacts[i].Id);
                }
            }

            var selected = new List<ContactId>();
            await foreach (var contact in session.Contacts.SelectAsync(overClr, Run, TestContext.Current.CancellationToken))
            {
                selected.Add(contact.Id);
            }

            Assert.True(expected.Order().SequenceEqual(selected.Order()), $"{text}: {expected.Count} match in memory, the store selected {selected.Count} (filter {overClr.ToStoreFilter(Run)})");
            matchedSomewhere += expected.Count is > 0 and < ContactCount ? 1 : 0;
        }

        // The generator makes rules that discriminate, not only always-true or always-false ones.
        Assert.True(matchedSomewhere > RuleCount / 4, $"only {matchedSomewhere} of {RuleCount} rules selected some but not all contacts");
    }

    private static readonly Gen<string> Constant = Gen.OneOf(Texts).Select(RulesText.Quote);

    private static readonly Gen<string> StringField = Gen.OneOf("firstName", "lastName", "jobTitle", "classification");

    private static readonly Gen<string> InstantConstant = Gen.OneOf(
        Gen.Int[-200, 200].Select(m => $"instant(\"{(Now + Duration.FromMinutes(m)).ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}\")"),
        Gen.Int[0, 3].Select(h => $"now() - hours({h})"),
        Gen.Const("now()"));

    private static readonly Gen<string> Comparison = Gen.OneOf("=", "!=", "<", "<=", ">", ">=");

    private static readonly Gen<string> Stage = Gen.OneOf(Enum.GetNames<LifecycleStage>()).Select(n => RulesText.Quote(JsonNamingPolicy.CamelCase.ConvertName(n)));

    private static readonly Gen<string> ElementCondition = Gen.OneOf(
        Gen.OneOf("kind = \"email\"", "kind != \"phone\"", "isPrimary", "not isPrimary", "label = \"home\"", "value startsWith \"c1\"", "value endsWith \"9\"", "value contains \"@\"", "lower(value) = \"c2@example.com\""));

    private static readonly Gen<string> Atom = Gen.OneOf(
        Gen.Select(StringField, Comparison, Constant, (f, op, c) => $"{f} {op} {c}"),
        Gen.Select(StringField, Gen.OneOf("startsWith", "endsWith", "contains"), Constant, (f, op, c) => $"{f} {op} {c}"),
        Gen.Select(StringField, Gen.OneOf("is null", "is not null", "= null", "!= null"), (f, t) => $"{f} {t}"),
        Gen.Select(StringField, Gen.Bool, Constant.Array[1, 3], (f, not, items) => $"{f} {(not ? "not in" : "in")} [{string.Join(", ", items)}]"),
        Gen.Select(Gen.OneOf("lower", "upper", "trim"), StringField, Constant, (fn, f, c) => $"{fn}({f}) = {c}"),
        Gen.Select(StringField, Gen.Int[0, 8], Comparison, (f, n, op) => $"length({f}) {op} {n}"),
        Gen.Select(StringField, Constant, Constant, (f, c, d) => $"coalesce({f}, {c}) = {d}"),
        Gen.Select(Gen.OneOf("=", "!="), Stage, (op, s) => $"lifecycleStage {op} {s}"),
        Gen.Select(Gen.Bool, Stage.Array[1, 3], (not, items) => $"lifecycleStage {(not ? "not in" : "in")} [{string.Join(", ", items)}]"),
        Gen.Select(Gen.OneOf("createdAt", "updatedAt"), Comparison, InstantConstant, (f, op, c) => $"{f} {op} {c}"),
        Gen.Select(Gen.OneOf("createdAt", "updatedAt"), Gen.Int[0, 2], InstantConstant, (f, d, c) => $"{f} + days({d}) > {c}"),
        Gen.Select(Comparison, Gen.OneOf("1", "1.0", "1.00", "2", "0.5"), (op, n) => $"version {op} {n}"),
        Gen.Select(Gen.Int[-2, 3], Gen.OneOf("+", "-", "*", "/"), Comparison, Gen.OneOf("1", "2.50", "0", "-1"), (k, op, cmp, n) => $"version {op} {k} {cmp} {n}"),
        Constant.Select(c => $"tags contains {c}"),
        Gen.Select(Gen.OneOf("any", "count"), Gen.Bool, (agg, _) => agg == "any" ? "any(tags)" : "count(tags) >= 1"),
        Gen.Select(Gen.OneOf("any", "all"), ElementCondition, (agg, c) => $"{agg}(contactPoints where {c})"),
        Gen.Select(ElementCondition, Comparison, Gen.Int[0, 2], (c, op, n) => $"count(contactPoints where {c}) {op} {n}"),
        Gen.Select(Gen.OneOf("min", "max"), Comparison, Constant, (agg, op, c) => $"{agg}(contactPoints.value) {op} {c}"));

    private static readonly Gen<string> RuleTexts = Gen.OneOf(
        Atom,
        Gen.Select(Atom, Atom, Gen.OneOf("and", "or"), (a, b, op) => $"{a} {op} {b}"),
        Gen.Select(Atom, Atom, Atom, (a, b, c) => $"{a} and ({b} or not {c})"),
        Atom.Select(a => $"not ({a})"),
        Gen.Select(Atom, Atom, (a, b) => $"not ({a} and {b}) or {a}"));

    private static Dictionary<string, object> Document(RuleRecordType record) => new()
    {
        ["fields"] = record.Fields.ToDictionary(f => f.Key, f => Type(f.Value)),
    };

    private static object Type(RuleType type) => type.Kind switch
    {
        RuleTypeKind.Enum => new Dictionary<string, object> { ["enum"] = type.Members },
        RuleTypeKind.List => new Dictionary<string, object> { ["list"] = Type(type.Element!) },
        RuleTypeKind.Record => Document(type.Fields!),
        RuleTypeKind.Collection => new Dictionary<string, object> { ["collection"] = Document(type.Fields!) },
        _ => type.ToString(),
    };

    private static class RulesText
    {
        private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        // A JSON string is a rule string literal too: the same escapes, \uXXXX for the rest.
        public static string Quote(string text) => JsonSerializer.Serialize(text, Relaxed);
    }
}

public sealed class InMemoryRuleDifferentialTests : RuleDifferentialTests
{
    protected override StoreKind Kind => StoreKind.InMemory;
}

public sealed class SqliteRuleDifferentialTests : RuleDifferentialTests
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgresRuleDifferentialTests : RuleDifferentialTests
{
    protected override StoreKind Kind => StoreKind.Postgres;
}
