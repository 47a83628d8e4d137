using Crm.Customers;
using Crm.CustomFields;
using Crm.Events;
using Crm.Storage.Querying;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Validation;

/// <summary>Null, huge and caller-owned input: a clear error or a safe copy, never a crash or a later surprise.</summary>
public sealed class HostileInputTests
{
    [Fact]
    public async Task Null_elements_and_lists_in_a_draft_are_reported_with_their_index()
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Contacts.Create(new ContactDraft
        {
            LastName = "Nulls",
            ContactPoints = [ContactPoint.Email("a@example.com"), null!],
            Addresses = [null!],
            Tags = null!,
            Consents = null!,
            AlternateKeys = [null!],
            CustomFields = new Dictionary<string, ScalarValue> { ["note"] = null! },
        });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["addresses[0]", "alternateKeys[0]", "contactPoints[1]"], result.Errors.Select(e => e.Path!).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.Equal(CrmErrorCodes.Required, e.Code));
    }

    [Fact]
    public async Task A_callers_own_list_cannot_change_a_stored_record_after_the_commit()
    {
        await using var host = new TestHost();
        var tags = new List<string> { "one" };
        var keys = new List<AlternateKey> { new("erpNumber", "A1") };
        var data = new ContactData { Id = ContactId.FromGuid(Guid.CreateVersion7()), TenantId = TestHost.Tenant, LastName = "Owned", Tags = tags, AlternateKeys = keys };
        var session = host.Session();
        session.Contacts.Add(new Contact(data));
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        tags.Add("bad\0tag");
        keys[0] = new AlternateKey("erpNumber", "B2");

        var stored = (await host.Session().Contacts.FindAsync(data.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(["one"], stored.Data.Tags);
        Assert.NotNull(await host.Session().Contacts.FindByAlternateKeyAsync("erpNumber", "A1", TestContext.Current.CancellationToken));
        Assert.Null(await host.Session().Contacts.FindByAlternateKeyAsync("erpNumber", "B2", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_contact_added_from_data_raises_its_created_event()
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Contacts.Add(new Contact(new ContactData { Id = ContactId.FromGuid(Guid.CreateVersion7()), TenantId = TestHost.Tenant, LastName = "Imported" }));
        session.Contacts.Create(new ContactDraft { LastName = "Created" });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var claimed = await host.Store.Outbox.ClaimAsync(10, NodaTime.Duration.FromMinutes(1), TestContext.Current.CancellationToken);

        Assert.Equal(["contact.created", "contact.created"], claimed.Select(c => c.Message.EventType));
    }

    [Fact]
    public async Task Twenty_thousand_contact_points_are_refused_as_too_many_without_checking_each()
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Contacts.Create(new ContactDraft { LastName = "Huge", ContactPoints = [.. Enumerable.Range(0, 20_000).Select(i => ContactPoint.Email($"a{i}@example.com"))] });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CrmErrorCodes.TooMany, Assert.Single(result.Errors).Code);
    }

    [Theory]
    [InlineData("0000-01-01")]
    [InlineData("-0001-12-31")]
    [InlineData("2024-02-30")]
    public async Task Impossible_dates_are_type_errors(string date)
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Contacts.Create(new ContactDraft { LastName = "Dated", CustomFields = new Dictionary<string, ScalarValue> { ["since"] = date } });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CrmErrorCodes.CustomFieldType, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public async Task Null_sorts_and_filters_are_query_errors()
    {
        await using var host = new TestHost();
        var contacts = host.Session().Contacts;

        Assert.Equal(CrmErrorCodes.InvalidFilter, Assert.Single((await contacts.QueryAsync(new RecordQuery { Sort = null! }, TestContext.Current.CancellationToken)).Errors).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, Assert.Single((await contacts.QueryAsync(new RecordQuery { Sort = [null!] }, TestContext.Current.CancellationToken)).Errors).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, Assert.Single((await contacts.QueryAsync(new RecordQuery { Filter = new AndFilter(null!) }, TestContext.Current.CancellationToken)).Errors).Code);
        Assert.Equal(CrmErrorCodes.InvalidFilter, Assert.Single((await contacts.CountAsync(Filter.And(null!, Filter.IsNull("lastName")), TestContext.Current.CancellationToken)).Errors).Code);
        var longName = new string('x', 200_000);
        var unknown = Assert.Single((await contacts.QueryAsync(new RecordQuery { Filter = Filter.Equal(longName, "x") }, TestContext.Current.CancellationToken)).Errors);
        Assert.True(unknown.Message.Length < 300);
    }
}
