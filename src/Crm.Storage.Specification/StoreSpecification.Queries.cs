using Crm.Customers;
using Crm.CustomFields;
using Crm.Storage.Querying;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    private static readonly Instant DstChange = Instant.FromUtc(2026, 3, 29, 1, 0);

    /// <summary>The names of the filter cases of <see cref="Every_filter_operator_matches_as_the_rules_say"/>.</summary>
    public static TheoryData<string> FilterCaseNames => [.. FilterCases.Keys];

    /// <summary>The ordering rules' example, as display names: nulls first, then by code point (upper case before lower, U+FFFD before U+1F600).</summary>
    protected static IReadOnlyList<string> ByLastName { get; } = ["Solo", "Kit Ad", "Kit Adams", "Kit Zoe", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"];

    private static Dictionary<string, (Filter Filter, string[] Expected)> FilterCases { get; } = new()
    {
        ["equal-text"] = (Filter.Equal("lastName", "Adams"), ["Kit Adams"]),
        ["equal-text-is-case-sensitive"] = (Filter.Equal("lastName", "adams"), ["Kit adams"]),
        ["not-equal-includes-missing-values"] = (Filter.NotEqual("lastName", "Adams"), ["Solo", "Kit Ad", "Kit Zoe", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["less-than-text"] = (Filter.LessThan("lastName", "Zoe"), ["Kit Ad", "Kit Adams"]),
        ["greater-or-equal-text-by-code-point"] = (Filter.GreaterThanOrEqual("lastName", "\uFFFD"), ["Kit \uFFFD", "Kit 😀"]),
        ["in-text"] = (Filter.In("lastName", "Zoe", "Ad", "Nobody"), ["Kit Ad", "Kit Zoe"]),
        ["starts-with-is-ordinal"] = (Filter.StartsWith("lastName", "Ad"), ["Kit Ad", "Kit Adams"]),
        ["starts-with-empty-matches-every-value"] = (Filter.StartsWith("lastName", string.Empty), ["Kit Ad", "Kit Adams", "Kit Zoe", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["is-null"] = (Filter.IsNull("lastName"), ["Solo"]),
        ["is-not-null"] = (Filter.IsNotNull("jobTitle"), ["Kit Ad"]),
        ["equal-numbers-at-different-scales"] = (Filter.Equal("customFields.score", 10.000m), ["Kit Adams", "Kit adams"]),
        ["greater-than-number"] = (Filter.GreaterThan("customFields.score", 2m), ["Solo", "Kit Adams", "Kit adams", "Kit \uFFFD"]),
        ["less-or-equal-number"] = (Filter.LessThanOrEqual("customFields.score", 0m), ["Kit Émile", "Kit 😀"]),
        ["equal-choice"] = (Filter.Equal("customFields.tier", "gold"), ["Kit Adams"]),
        ["not-equal-choice-includes-missing"] = (Filter.NotEqual("customFields.tier", "gold"), ["Solo", "Kit Ad", "Kit Zoe", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["equal-boolean"] = (Filter.Equal("customFields.vip", true), ["Kit Zoe"]),
        ["date-range-is-half-open"] = (Filter.Range("customFields.since", new LocalDate(2024, 1, 1), new LocalDate(2024, 6, 30)), ["Kit Adams"]),
        ["instant-before-dst-change-to-the-microsecond"] = (Filter.LessThan("customFields.lastSeen", DstChange), ["Kit Adams"]),
        ["instant-at-dst-change"] = (Filter.GreaterThanOrEqual("customFields.lastSeen", DstChange), ["Kit adams"]),
        ["list-equal-is-any-element"] = (Filter.Equal("tags", "vip"), ["Kit Adams", "Kit Zoe"]),
        ["list-not-equal-is-no-element"] = (Filter.NotEqual("tags", "vip"), ["Solo", "Kit Ad", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["list-is-null-is-empty"] = (Filter.IsNull("tags"), ["Solo", "Kit Ad", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["list-in"] = (Filter.In("tags", "beta", "nope"), ["Kit Adams", "Kit adams"]),
        ["email-is-compared-normalised"] = (Filter.Equal("email", "ADAMS@Example.com"), ["Kit Adams"]),
        ["email-starts-with"] = (Filter.StartsWith("email", "zoe@"), ["Kit Zoe"]),
        ["phone-e164"] = (Filter.Equal("phone", "+49301234567"), ["Kit adams"]),
        ["enum-field"] = (Filter.Equal("lifecycleStage", "lead"), ["Kit Ad", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["owner-in"] = (Filter.In("ownerId", "u1", "u2"), ["Kit Adams", "Kit adams"]),
        ["owner-is-null"] = (Filter.IsNull("ownerId"), ["Solo", "Kit Ad", "Kit Zoe", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["and"] = (Filter.Equal("lifecycleStage", "lead") & Filter.GreaterThan("customFields.score", 0m), ["Kit Ad", "Kit adams", "Kit \uFFFD"]),
        ["or"] = (Filter.Equal("lastName", "Zoe") | Filter.Equal("customFields.tier", "bronze"), ["Kit Zoe", "Kit Émile"]),
        ["empty-and-matches-all"] = (Filter.And(), ["Solo", "Kit Ad", "Kit Adams", "Kit Zoe", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
        ["empty-or-matches-none"] = (Filter.Or(), []),
        ["created-at-range"] = (Filter.Range("createdAt", Instant.FromUtc(2026, 3, 29, 0, 0), Instant.FromUtc(2026, 3, 30, 0, 0)), ["Solo", "Kit Ad", "Kit Adams", "Kit Zoe", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"]),
    };

    /// <summary>Each filter operator matches exactly the records the storage rules say, counted the same.</summary>
    /// <param name="caseName">The case.</param>
    /// <returns>A task.</returns>
    [Theory]
    [MemberData(nameof(FilterCaseNames))]
    public async Task Every_filter_operator_matches_as_the_rules_say(string caseName)
    {
        await SeedQueryDataAsync();
        var (filter, expected) = FilterCases[caseName];

        var names = await QueryAllAsync(new RecordQuery { Filter = filter, PageSize = 3 });
        var count = (await Session().Contacts.CountAsync(filter, TestContext.Current.CancellationToken)).Value;

        Assert.Equal(expected.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        Assert.Equal(expected.Length, count);
    }

    /// <summary>Text sorts by code point with nulls first; descending is the exact reverse.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Text_sorts_by_code_point_with_nulls_first()
    {
        await SeedQueryDataAsync();

        var ascending = await QueryAllAsync(new RecordQuery { Sort = [SortKey.Ascending("lastName")], PageSize = 100 });
        var descending = await QueryAllAsync(new RecordQuery { Sort = [SortKey.Descending("lastName")], PageSize = 100 });

        Assert.Equal(ByLastName, ascending);
        Assert.Equal(ByLastName.Reverse(), descending);
    }

    /// <summary>Equal sort values are ordered by id, ascending, in both directions; nulls first ascending and last descending.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Ties_are_broken_by_id_and_null_numbers_sort_first()
    {
        var seeded = await SeedQueryDataAsync();
        var tie = seeded.Where(s => s.CustomFields.TryGetValue("score", out var v) && v.AsNumber() == 10m).OrderBy(s => s.Key).Select(s => s.DisplayName).ToList();

        var ascending = await QueryAllAsync(new RecordQuery { Sort = [SortKey.Ascending("customFields.score")], PageSize = 1 });
        var descending = await QueryAllAsync(new RecordQuery { Sort = [SortKey.Descending("customFields.score")], PageSize = 2 });

        Assert.Equal(["Kit Zoe", "Kit Émile", "Kit 😀", "Kit Ad", "Solo", .. tie, "Kit \uFFFD"], ascending);
        Assert.Equal(["Kit \uFFFD", .. tie, "Solo", "Kit Ad", "Kit 😀", "Kit Émile", "Kit Zoe"], descending);
    }

    /// <summary>Pages of every size visit every record exactly once, in order; a last page that is exactly full has no next cursor.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Paging_visits_every_record_once_at_every_page_size()
    {
        await SeedQueryDataAsync();
        foreach (var size in new[] { 1, 2, 3, 4, 7, 8, 9, 1000 })
        {
            var pages = new List<int>();
            var names = new List<string>();
            string? cursor = null;
            do
            {
                var page = (await Session().Contacts.QueryAsync(new RecordQuery { Sort = [SortKey.Ascending("lastName")], PageSize = size, Cursor = cursor }, TestContext.Current.CancellationToken)).Value!;
                pages.Add(page.Items.Count);
                names.AddRange(page.Items.Select(i => i.DisplayName));
                cursor = page.NextCursor;
            }
            while (cursor is not null);

            Assert.Equal(ByLastName, names);
            Assert.Equal((8 + size - 1) / size, pages.Count);
            Assert.All(pages, p => Assert.True(p > 0, $"An empty page was returned at page size {size}."));
        }
    }

    /// <summary>A query that matches nothing returns an empty last page.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_without_matches_returns_an_empty_last_page()
    {
        await SeedQueryDataAsync();

        var page = (await Session().Contacts.QueryAsync(new RecordQuery { Filter = Filter.Equal("lastName", "Nobody") }, TestContext.Current.CancellationToken)).Value!;

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    /// <summary>Keyset paging is stable: a record added before the cursor is not shown, one after it is, nothing repeats.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Records_added_between_pages_neither_repeat_nor_shift_the_cursor()
    {
        await SeedQueryDataAsync();
        var query = new RecordQuery { Sort = [SortKey.Ascending("lastName")], PageSize = 3 };
        var first = (await Session().Contacts.QueryAsync(query, TestContext.Current.CancellationToken)).Value!;
        await InsertAsync(Person("Aa"));
        await InsertAsync(Person("Zz"));

        var rest = await QueryAllAsync(query with { Cursor = first.NextCursor });

        Assert.Equal(["Solo", "Kit Ad", "Kit Adams"], first.Items.Select(i => i.DisplayName));
        Assert.Equal(["Kit Zoe", "Kit Zz", "Kit adams", "Kit Émile", "Kit \uFFFD", "Kit 😀"], rest);
    }

    /// <summary>Malformed queries come back as errors that say what is wrong and where.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Invalid_queries_return_errors_with_codes_and_paths()
    {
        await SeedQueryDataAsync();
        var contacts = Session().Contacts;
        var sorted = new RecordQuery { Sort = [SortKey.Ascending("lastName")], PageSize = 1 };
        var cursor = (await contacts.QueryAsync(sorted, TestContext.Current.CancellationToken)).Value!.NextCursor;

        async Task<CrmError> ErrorOf(RecordQuery query) => Assert.Single((await contacts.QueryAsync(query, TestContext.Current.CancellationToken)).Errors);

        var unknown = await ErrorOf(new RecordQuery { Filter = Filter.Equal("lastname", "x") });
        Assert.Equal(CrmErrorCodes.UnknownField, unknown.Code);
        Assert.Contains("lastName", unknown.Message, StringComparison.Ordinal);
        Assert.Equal("filter", unknown.Path);
        Assert.Equal(CrmErrorCodes.UnknownField, (await ErrorOf(new RecordQuery { Filter = Filter.Equal("customFields.tire", "gold") })).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, (await ErrorOf(new RecordQuery { Filter = Filter.Equal("customFields.score", "ten") })).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, (await ErrorOf(new RecordQuery { Filter = Filter.StartsWith("createdAt", "2026") })).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, (await ErrorOf(new RecordQuery { Filter = Filter.Equal("lifecycleStage", "Lead") })).Code);
        Assert.Equal(CrmErrorCodes.ContainsNul, (await ErrorOf(new RecordQuery { Filter = Filter.Equal("lastName", "a\0b") })).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, (await ErrorOf(new RecordQuery { Sort = [SortKey.Ascending("tags")] })).Code);
        Assert.Equal(CrmErrorCodes.InvalidPageSize, (await ErrorOf(new RecordQuery { PageSize = 0 })).Code);
        Assert.Equal(CrmErrorCodes.InvalidPageSize, (await ErrorOf(new RecordQuery { PageSize = PageRequest.MaxPageSize + 1 })).Code);
        Assert.Equal(CrmErrorCodes.InvalidCursor, (await ErrorOf(new RecordQuery { Cursor = "not-a-cursor" })).Code);
        Assert.Equal(CrmErrorCodes.InvalidCursor, (await ErrorOf(new RecordQuery { Cursor = cursor, Sort = [SortKey.Descending("lastName")] })).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, (await ErrorOf(new RecordQuery { Filter = Filter.In("lastName") })).Code);
    }

    /// <summary>Seeds tenant A with eight contacts that exercise every rule, and tenant B with one that must never show.</summary>
    /// <returns>The seeded records.</returns>
    protected async Task<IReadOnlyList<ContactData>> SeedQueryDataAsync()
    {
        static Dictionary<string, ScalarValue> Fields(params (string Name, ScalarValue Value)[] fields) => fields.ToDictionary(f => f.Name, f => f.Value);
        var drafts = new[]
        {
            Person("Adams") with
            {
                OwnerId = new UserId("u1"), LifecycleStage = LifecycleStage.Customer, Tags = ["vip", "beta"], ContactPoints = [ContactPoint.Email("adams@example.com")],
                CustomFields = Fields(("score", 10m), ("tier", "gold"), ("since", new LocalDate(2024, 1, 1)), ("lastSeen", DstChange - Duration.FromTicks(10))),
            },
            Person("adams") with
            {
                OwnerId = new UserId("u2"), Tags = ["beta"], ContactPoints = [ContactPoint.Phone("+49 30 1234567")],
                CustomFields = Fields(("score", 10.00m), ("tier", "silver"), ("since", new LocalDate(2024, 6, 30)), ("lastSeen", DstChange)),
            },
            Person("Émile") with { CustomFields = Fields(("score", -5m), ("tier", "bronze")) },
            Person("Zoe") with { LifecycleStage = LifecycleStage.Opportunity, Tags = ["vip"], ContactPoints = [ContactPoint.Email("zoe@example.org")], CustomFields = Fields(("vip", true)) },
            Person("😀") with { CustomFields = Fields(("score", 0m)) },
            Person("\uFFFD") with { CustomFields = Fields(("score", 1000000.5m)) },
            new ContactDraft { FirstName = "Solo", LifecycleStage = LifecycleStage.Subscriber, CustomFields = Fields(("score", 3m)) },
            Person("Ad") with { JobTitle = "CEO", CustomFields = Fields(("score", 2m)) },
        };
        var seeded = new List<ContactData>();
        foreach (var draft in drafts)
        {
            seeded.Add(await InsertAsync(draft));
            Clock.Advance(Duration.FromTicks(10));
        }

        await InsertAsync(Person("Adams") with { Tags = ["vip"], CustomFields = Fields(("tier", "gold"), ("score", 10m)) }, TenantB);
        return seeded;
    }

    /// <summary>Runs a query page by page and returns the display names in order.</summary>
    /// <param name="query">The query.</param>
    /// <returns>The names.</returns>
    protected async Task<IReadOnlyList<string>> QueryAllAsync(RecordQuery query)
    {
        var names = new List<string>();
        var current = query;
        while (true)
        {
            var result = await Session().Contacts.QueryAsync(current, TestContext.Current.CancellationToken);
            Assert.True(result.IsSuccess, string.Join("; ", result.Errors));
            names.AddRange(result.Value!.Items.Select(i => i.DisplayName));
            if (result.Value.NextCursor is null)
            {
                return names;
            }

            current = current with { Cursor = result.Value.NextCursor };
        }
    }
}
