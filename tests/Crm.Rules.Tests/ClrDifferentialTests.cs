using System.Text.Json;
using System.Text.Json.Serialization;
using Crm.Rules.Clr;
using CsCheck;
using NodaTime;
using NodaTime.Serialization.SystemTextJson;

namespace Crm.Rules.Tests;

public enum Stage
{
    Lead,
    Customer,
    Former,
}

public sealed record Purchase(Instant PlacedAt, decimal? Amount, Stage Status, string? Sku);

public sealed record Place(string? City, int? Zip);

public sealed record Line(decimal? Qty, string? Sku);

public sealed record Basket(IReadOnlyList<Line?>? Lines);

public enum Sparse
{
    First = 1,
    Fifth = 5,
}

public sealed record Flagged(Sparse Kind);

public sealed record Shopper(string? Name, Stage Stage, IReadOnlyList<Basket?>? Baskets);

public sealed record Person
{
    public string? Name { get; init; }

    public Stage? Stage { get; init; }

    public decimal? Spend { get; init; }

    public int Visits { get; init; }

    public bool? Active { get; init; }

    public Instant? LastSeen { get; init; }

    public LocalDate? Birthday { get; init; }

    public IReadOnlyList<string>? Tags { get; init; }

    public IReadOnlyList<decimal>? Scores { get; init; }

    public Place? Home { get; init; }

    public IReadOnlyList<Purchase>? Orders { get; init; }

    [JsonIgnore]
    public string Hidden => "never a field";
}

/// <summary>
/// The rules compiled to IL over CLR types must give what the JSON evaluator gives for the same
/// records serialised in the JSON contract: every rule below over 500 random people.
/// </summary>
public sealed class ClrDifferentialTests
{
    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    }.ConfigureForNodaTime(DateTimeZoneProviders.Tzdb);

    private static readonly string[] Rules =
    [
        "stage = \"customer\"",
        "stage != \"lead\"",
        "stage in [\"lead\", \"former\"]",
        "stage not in [\"lead\"]",
        "stage is null",
        "not stage = \"customer\"",
        "name startsWith \"A\"",
        "name endsWith \"ß\" or name contains \"😀\"",
        "name < \"M\"",
        "lower(name) = \"anna\" or upper(name) = \"ÉMILE\"",
        "length(trim(name)) > 3",
        "coalesce(name, \"none\") = \"none\"",
        "spend > 100",
        "spend = 100.00",
        "not (spend <= 50)",
        "spend / visits > 10",
        "spend * 3 - visits >= 0.5",
        "-spend < -10",
        "visits in [0, 1, 2]",
        "active",
        "not active",
        "active = false",
        "lastSeen > now() - days(30)",
        "lastSeen + hours(5) < instant(\"2026-06-01T00:00:00Z\")",
        "birthday < today() - days(365 * 30)",
        "birthday = date(\"2000-02-29\")",
        "tags contains \"vip\"",
        "any(tags) and count(tags) >= 2",
        "scores contains 2.50",
        "sum(scores) > 5",
        "avg(scores) < 3",
        "max(scores) = 4",
        "home.city = \"Berlin\"",
        "home.zip > 50000",
        "home.city is null",
        "any(orders where amount > 100)",
        "all(orders where status = \"customer\")",
        "count(orders where placedAt > now() - days(90)) >= 2",
        "sum(orders.amount) > 500",
        "avg(orders.amount where status != \"former\") > 50",
        "min(orders.placedAt) < instant(\"2026-01-01T00:00:00Z\")",
        "max(orders.sku) = \"Z9\"",
        "count(orders) = 0 or spend is null",
        "stage = \"customer\" and spend > 100 and tags contains \"vip\" and count(orders where amount > 10) >= 1",
        "(spend > 100) = true",
        "(spend > 100) in [true]",
        "(spend > 100) is null",
        "active = (spend > 100)",
        "coalesce(active, spend > 3)",
        "tags contains null",
        "spend / 3 = 33.333333333333",
    ];

    private static readonly Gen<Person> People =
        Gen.Select(
            Gen.OneOf<string?>(null, "Anna", "anna", "Émile", "  Zoë  ", "Straße", "😀 smile", "Mo", ""),
            Maybe(Gen.Enum<Stage>()),
            Gen.Frequency((1, Gen.OneOf<decimal?>(null, 100.00m)), (4, Gen.Int[-100, 1_000].Select(i => (decimal?)(i / 4m)))),
            Gen.Int[0, 3],
            Maybe(Gen.Bool),
            Maybe(Gen.Int[0, 400].Select(d => Instant.FromUtc(2026, 11, 26, 12, 0) - Duration.FromHours(d * 13))),
            Maybe(Gen.Int[0, 20_000].Select(d => new LocalDate(1970, 1, 1).PlusDays(d))),
            Gen.OneOf("vip", "b2b", "VIP").Array[0, 3].Null())
        .Select(
            Gen.Int[0, 20].Select(i => i / 4m).Array[0, 4].Null(),
            Gen.Select(Gen.OneOf<string?>("Berlin", null, "Köln"), Maybe(Gen.Int[1_000, 99_999])).Select(p => new Place(p.Item1, p.Item2)).Null(),
            Gen.Select(Gen.Int[0, 200], Maybe(Gen.Int[0, 800].Select(i => i / 2m)), Gen.Enum<Stage>(), Gen.OneOf<string?>("A1", "Z9", null))
                .Select(o => new Purchase(Instant.FromUtc(2026, 11, 26, 0, 0) - Duration.FromDays(o.Item1), o.Item2, o.Item3, o.Item4)).Array[0, 4].Null(),
            (p, scores, home, orders) => new Person
            {
                Name = p.Item1, Stage = p.Item2, Spend = p.Item3, Visits = p.Item4, Active = p.Item5, LastSeen = p.Item6, Birthday = p.Item7, Tags = p.Item8,
                Scores = scores, Home = home, Orders = orders,
            });

    private static Gen<T?> Maybe<T>(Gen<T> generator)
        where T : struct => Gen.Frequency((1, Gen.Const<T?>(() => null)), (4, generator.Select(v => (T?)v)));

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_null_element_of_a_collection_is_a_record_error_in_both(bool interpreted)
    {
        var person = new Person { Orders = [new Purchase(Instant.FromUtc(2026, 1, 1, 0, 0), 1m, Stage.Lead, null), null!] };
        var rule = Rule.Parse("count(orders) = 2");
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        var clr = rule.Compile<Person>(null, Tier(interpreted)).Evaluate(person, context);
        var json = rule.Compile(JsonSchemaOf(ClrRuleSchema.For<Person>())).Evaluate(JsonSerializer.SerializeToElement(person, Json), context);
        Assert.Equal("an element of 'orders' should be an object", clr.Error);
        Assert.Equal(clr, json);
    }

    // A null element leaves the rule through a jump, not an exception: from inside arithmetic, a
    // function's argument, a second aggregate and beside operations that do throw.
    [Theory]
    [InlineData("1 + count(orders) = 3")]
    [InlineData("count(orders) + count(orders where amount > 0) >= 0")]
    [InlineData("coalesce(sum(orders.amount), 0) > 0 or name = \"Anna\"")]
    [InlineData("name = \"Anna\" and any(orders where sku startsWith \"A\")")]
    [InlineData("spend / visits > 1 and count(orders) = 2")]
    [InlineData("all(orders where amount >= 0) and days(visits) > days(0)")]
    public void A_null_element_is_the_same_record_error_wherever_the_aggregate_stands(string text)
    {
        var good = new Person { Name = "Anna", Spend = 10m, Visits = 2, Orders = [new Purchase(Instant.FromUtc(2026, 1, 1, 0, 0), 1m, Stage.Lead, "A1")] };
        var bad = good with { Orders = [new Purchase(Instant.FromUtc(2026, 1, 1, 0, 0), 1m, Stage.Lead, "A1"), null!] };
        var rule = Rule.Parse(text);
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        var json = rule.Compile(JsonSchemaOf(ClrRuleSchema.For<Person>()));
        foreach (var interpreted in new[] { true, false })
        {
            var clr = rule.Compile<Person>(null, Tier(interpreted));
            foreach (var person in new[] { good, bad, good })
            {
                var expected = json.Evaluate(JsonSerializer.SerializeToElement(person, Json), context);
                Assert.Equal(expected, clr.Evaluate(person, context));
                Assert.Equal(expected.Matched, clr.Matches(person, context));
            }
        }
    }

    // An aggregate inside the condition of count/any/all: in the interpreter's tree that condition is
    // a lambda of its own, so a null element there must still become the rule's record error.
    [Theory]
    [InlineData("any(baskets where sum(lines.qty) > 0)")]
    [InlineData("any(baskets where max(lines.sku) = \"x\") or name = \"Anna\"")]
    [InlineData("count(baskets where min(lines.qty) > 0) = 1")]
    [InlineData("all(baskets where any(lines where qty > 0))")]
    public void A_null_element_inside_a_nested_aggregate_is_a_record_error_in_both_tiers(string text)
    {
        var good = new Shopper("Anna", Stage.Lead, [new Basket([new Line(1m, "x")])]);
        var bad = new Shopper("Anna", Stage.Lead, [new Basket([new Line(1m, "x"), null])]);
        var rule = Rule.Parse(text);
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        var json = rule.Compile(JsonSchemaOf(ClrRuleSchema.For<Shopper>()));
        foreach (var interpreted in new[] { true, false })
        {
            var clr = rule.Compile<Shopper>(null, Tier(interpreted));
            foreach (var shopper in new[] { good, bad })
            {
                Assert.Equal(json.Evaluate(JsonSerializer.SerializeToElement(shopper, Json), context), clr.Evaluate(shopper, context));
            }
        }
    }

    // A value of an enum that has no name is a record error, also where the rule compares enum values.
    [Theory]
    [InlineData("stage = \"lead\"")]
    [InlineData("stage != \"lead\"")]
    [InlineData("stage in [\"lead\"]")]
    public void An_enum_value_without_a_name_is_a_record_error_in_both_tiers(string text)
    {
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        foreach (var interpreted in new[] { true, false })
        {
            var compiled = Rule.Parse(text).Compile<Person>(null, Tier(interpreted));
            var result = compiled.Evaluate(new Person { Stage = (Stage)99 }, context);
            Assert.False(result.Matched);
            Assert.Equal("99 is not a member of Stage", result.Error);
            Assert.False(compiled.Matches(new Person { Stage = (Stage)99 }, context));
            Assert.Equal(text != "stage != \"lead\"", compiled.Matches(new Person { Stage = Stage.Lead }, context));
            Assert.Equal(text == "stage != \"lead\"", compiled.Evaluate(new Person { Stage = Stage.Former }, context).Matched);
            Assert.Equal(text == "stage != \"lead\"", compiled.Evaluate(new Person(), context).Matched);
        }
    }

    // Members not numbered 0 to n - 1: membership is looked up rather than a range test.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_enum_value_without_a_name_is_a_record_error_for_a_sparse_enum(bool interpreted)
    {
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        var compiled = Rule.Parse("kind = \"fifth\"").Compile<Flagged>(null, Tier(interpreted));
        Assert.Equal(new RuleResult(false, "3 is not a member of Sparse"), compiled.Evaluate(new Flagged((Sparse)3), context));
        Assert.Equal(new RuleResult(false, "0 is not a member of Sparse"), compiled.Evaluate(new Flagged(default), context));
        Assert.Equal(new RuleResult(true, null), compiled.Evaluate(new Flagged(Sparse.Fifth), context));
        Assert.Equal(new RuleResult(false, null), compiled.Evaluate(new Flagged(Sparse.First), context));
    }

    [Fact]
    public async Task A_context_copied_with_another_time_evaluates_at_that_time()
    {
        var rule = Rule.Parse("lastSeen > now() - days(30)").Compile<Person>();
        await rule.OptimizeAsync();
        var person = new Person { LastSeen = Instant.FromUtc(2026, 11, 20, 0, 0) };
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        Assert.True(rule.Matches(person, context));
        var later = context with { Now = Instant.FromUtc(2027, 6, 1, 0, 0) };
        Assert.False(rule.Matches(person, later));
        Assert.False(rule.ToPredicate(later)(person));
        Assert.Equal(context, new RuleEvaluationContext(context.Now));
        Assert.NotEqual(context, later);
    }

    [Theory]
    [InlineData("name startsWith \"A\" and count(orders where amount > 1) = 2 and tags contains \"vip\"", false)]
    [InlineData("spend / visits > 1", true)]
    [InlineData("stage = \"lead\"", false)]
    [InlineData("stage in [\"lead\", \"former\"]", true)]
    [InlineData("lastSeen > now() - days(visits)", true)]
    public void Only_a_rule_that_can_throw_a_record_error_is_compiled_with_a_try_region(string text, bool expected)
    {
        var schema = ClrRuleSchema.For<Person>();
        var lambda = ClrRuleCompiler.Lambda<Person>(Rule.Parse(text).Bind(schema), schema);
        Assert.Equal(expected, new TryFinder().Has(lambda));
    }

    private sealed class TryFinder : System.Linq.Expressions.ExpressionVisitor
    {
        private bool _found;

        public bool Has(System.Linq.Expressions.Expression expression)
        {
            Visit(expression);
            return _found;
        }

        protected override System.Linq.Expressions.Expression VisitTry(System.Linq.Expressions.TryExpression node)
        {
            _found = true;
            return base.VisitTry(node);
        }
    }

    [Fact]
    public async Task ToPredicate_gives_the_compiled_delegate_once_the_rule_runs_as_IL()
    {
        var people = People.Array[200].Single();
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        var rule = Rule.Parse("spend > 10 and count(orders where amount > 1) >= 1");
        var json = rule.Compile(JsonSchemaOf(ClrRuleSchema.For<Person>()));
        var expected = people.Select(p => json.Evaluate(JsonSerializer.SerializeToElement(p, Json), context).Matched).ToList();
        var compiled = rule.Compile<Person>(null, ClrCompilation.Interpreted);
        Assert.Equal(expected, people.Select(compiled.ToPredicate(context)));

        var tiered = rule.Compile<Person>();
        await tiered.OptimizeAsync();
        var predicate = tiered.ToPredicate(context);
        Assert.Same(predicate, tiered.ToPredicate(context));
        Assert.Equal(expected, people.Select(predicate));
        Assert.Throws<ArgumentNullException>(() => predicate(null!));
        Assert.Throws<ArgumentNullException>(() => tiered.Matches(null!, context));

        // A rule that reads the run's time binds it.
        var timed = Rule.Parse("lastSeen > now() - days(30)").Compile<Person>();
        await timed.OptimizeAsync();
        Assert.Equal(people.Select(p => p.LastSeen > context.Now - Duration.FromDays(30)), people.Select(timed.ToPredicate(context)));
    }

    [Fact]
    public async Task A_rule_is_interpreted_for_its_first_records_then_answers_the_same_through_IL()
    {
        var people = People.Array[CompiledRule<Person>.InterpretedRecords].Single();
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0));
        foreach (var text in Rules.Take(10))
        {
            var rule = Rule.Parse(text);
            var reference = rule.Compile<Person>(null, ClrCompilation.Compiled);
            var tiered = rule.Compile<Person>();
            var expected = people.Select(p => reference.Evaluate(p, context)).ToArray();
            Assert.False(reference.IsInterpreted);

            Assert.Equal(expected[..^1], people[..^1].Select(p => tiered.Evaluate(p, context)));
            Assert.True(tiered.IsInterpreted);
            Assert.False(tiered.IsOptimizing);

            // The thousandth record starts the IL; records evaluated on several threads meanwhile get the same answers.
            var answers = new RuleResult[4][];
            Parallel.For(0, answers.Length, t => answers[t] = [.. people.Select(p => tiered.Evaluate(p, context))]);
            Assert.True(tiered.IsOptimizing);
            await tiered.OptimizeAsync().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.False(tiered.IsInterpreted);
            Assert.All(answers, a => Assert.Equal(expected, a));
            Assert.Equal(expected, people.Select(p => tiered.Evaluate(p, context)));
        }
    }

    [Fact]
    public async Task OptimizeAsync_compiles_a_rule_once_however_often_it_is_called()
    {
        var rule = Rule.Parse("spend > 1").Compile<Person>();
        var tasks = new Task[8];
        Parallel.For(0, tasks.Length, i => tasks[i] = rule.OptimizeAsync());
        Assert.All(tasks, t => Assert.Same(tasks[0], t));
        await tasks[0];
        Assert.False(rule.IsInterpreted);
        Assert.True(rule.Matches(new Person { Spend = 2m }, new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0))));
    }

    [Fact]
    public void The_schema_of_a_clr_type_names_its_properties_as_the_json_contract_does()
    {
        var schema = ClrRuleSchema.For<Person>();
        Assert.Equal(["name", "stage", "spend", "visits", "active", "lastSeen", "birthday", "tags", "scores", "home", "orders"], schema.Root.Fields.Keys);
        Assert.Equal(["lead", "customer", "former"], schema.Root.Fields["stage"].Members);
    }

    // Both tiers of a rule over a CLR type, the interpreter's and the IL, answer for the JSON evaluator's semantics.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Compiled_over_clr_types_and_evaluated_over_json_the_results_agree(bool interpreted)
    {
        var people = People.Array[500].Single();
        var context = new RuleEvaluationContext(Instant.FromUtc(2026, 11, 26, 12, 0), DateTimeZoneProviders.Tzdb["Europe/Berlin"]);
        var clrSchema = ClrRuleSchema.For<Person>();
        var jsonSchema = JsonSchemaOf(clrSchema);
        var matched = 0;
        foreach (var text in Rules)
        {
            var rule = Rule.Parse(text);
            var overClr = rule.Compile<Person>(clrSchema, Tier(interpreted));
            var overJson = rule.Compile(jsonSchema);
            foreach (var person in people)
            {
                var json = JsonSerializer.SerializeToElement(person, Json);
                var expected = overJson.Evaluate(json, context);
                var actual = overClr.Evaluate(person, context);
                Assert.True(expected.Matched == actual.Matched && (expected.Error is null) == (actual.Error is null),
                    $"{text}\n{json}\nJSON: {expected}\nCLR: {actual}");
                matched += actual.Matched ? 1 : 0;
            }
        }

        // The rules select something and not everything.
        Assert.InRange(matched, Rules.Length * 5, Rules.Length * 495);
    }

    private static ClrCompilation Tier(bool interpreted) => interpreted ? ClrCompilation.Interpreted : ClrCompilation.Compiled;

    // The same schema as a JSON schema document, so the JSON evaluator checks the rules identically.
    private static Schema.RuleSchema JsonSchemaOf(Schema.RuleSchema schema) => Schema.RuleSchema.Parse(JsonSerializer.Serialize(Document(schema.Root)));

    private static Dictionary<string, object> Document(Schema.RuleRecordType record) => new()
    {
        ["fields"] = record.Fields.ToDictionary(f => f.Key, f => Type(f.Value)),
    };

    private static object Type(Schema.RuleType type) => type.Kind switch
    {
        Schema.RuleTypeKind.Enum => new Dictionary<string, object> { ["enum"] = type.Members },
        Schema.RuleTypeKind.List => new Dictionary<string, object> { ["list"] = Type(type.Element!) },
        Schema.RuleTypeKind.Record => Document(type.Fields!),
        Schema.RuleTypeKind.Collection => new Dictionary<string, object> { ["collection"] = Document(type.Fields!) },
        _ => type.ToString(),
    };
}
