using Crm.Customers;
using Crm.CustomFields;

namespace Crm.Core.Tests.Validation;

public sealed class ContactValidationTests
{
    [Fact]
    public async Task Bad_create_returns_every_problem_at_once_and_writes_nothing()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var good = session.Contacts.Create(new ContactDraft { LastName = "Fine" });
        session.Contacts.Create(new ContactDraft
        {
            FirstName = " ",
            JobTitle = new string('x', 1_000_000),
            Classification = "A\0B",
            ContactPoints =
            [
                ContactPoint.Email("not-an-email", primary: true),
                ContactPoint.Email("second@example.com", primary: true),
                ContactPoint.Phone("12"),
            ],
            CustomFields = new Dictionary<string, ScalarValue> { ["teir"] = "gold", ["score"] = "high", ["note"] = new string('n', 21) },
        });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.False(result.IsSuccess);
        var byPath = result.Errors.ToLookup(e => e.Path);
        Assert.Equal(CrmErrorCodes.Required, Assert.Single(byPath["lastName"]).Code);
        Assert.Equal(CrmErrorCodes.TooLong, Assert.Single(byPath["jobTitle"]).Code);
        Assert.Contains("1000000", byPath["jobTitle"].Single().Message, StringComparison.Ordinal);
        Assert.Equal(CrmErrorCodes.ContainsNul, Assert.Single(byPath["classification"]).Code);
        Assert.Equal(CrmErrorCodes.InvalidEmail, Assert.Single(byPath["contactPoints[0].value"]).Code);
        Assert.Equal(CrmErrorCodes.DuplicatePrimary, Assert.Single(byPath["contactPoints"]).Code);
        Assert.Equal(CrmErrorCodes.InvalidPhone, Assert.Single(byPath["contactPoints[2].value"]).Code);
        var unknown = Assert.Single(byPath["customFields.teir"]);
        Assert.Equal(CrmErrorCodes.UnknownCustomField, unknown.Code);
        Assert.Contains("Did you mean 'tier'?", unknown.Message, StringComparison.Ordinal);
        Assert.Equal(CrmErrorCodes.CustomFieldType, Assert.Single(byPath["customFields.score"]).Code);
        Assert.Equal(CrmErrorCodes.TooLong, Assert.Single(byPath["customFields.note"]).Code);
        Assert.Equal(9, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(Crm.Storage.EntityTypes.Contact, e.Record?.EntityType));

        Assert.Null(await host.Session().Contacts.FindAsync(good.Id, TestContext.Current.CancellationToken));
        Assert.Equal(0L, await host.Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await host.Session().ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Bad_update_is_refused_and_the_stored_record_is_unchanged()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Stable", CustomFields = new Dictionary<string, ScalarValue> { ["score"] = 5m } });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        contact.SetCustomField("score", 101m);
        contact.SetCustomField("tier", "platinum");
        contact.Rename(null, null);
        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            [(CrmErrorCodes.Required, "lastName"), (CrmErrorCodes.OutOfRange, "customFields.score"), (CrmErrorCodes.InvalidValue, "customFields.tier")],
            result.Errors.Select(e => (e.Code, e.Path!)).OrderBy(e => e.Item2, StringComparer.Ordinal).ToList()
                .OrderBy(e => e.Item2 == "lastName" ? 0 : 1).ToList());
        var stored = (await host.Session().Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal("Stable", stored.Data.LastName);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task Emails_are_lower_cased_and_phones_stored_in_E164_with_the_tenants_region()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var contact = session.Contacts.Create(new ContactDraft
        {
            LastName = "Normal",
            ContactPoints = [ContactPoint.Email("  Anna.Schmidt@Example.DE "), ContactPoint.Phone("(030) 123 4567"), ContactPoint.Phone("+1 212-555-0142", label: ContactPointLabel.Mobile)],
        });

        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        Assert.Equal(["anna.schmidt@example.de", "+49301234567", "+12125550142"], contact.Data.ContactPoints.Select(p => p.Value));
        Assert.Equal([true, true, false], contact.Data.ContactPoints.Select(p => p.IsPrimary));
    }

    [Fact]
    public async Task Custom_field_text_is_converted_to_the_declared_date()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Dated", CustomFields = new Dictionary<string, ScalarValue> { ["since"] = "2025-12-31" } });

        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        Assert.Equal(ScalarKind.Date, contact.Data.CustomFields["since"].Kind);
    }

    [Fact]
    public async Task Account_needs_a_name_and_an_absolute_web_address()
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Accounts.Create(new AccountDraft { Name = "", Website = "example.com" });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["name", "website"], result.Errors.Select(e => e.Path!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Deleting_an_account_with_contacts_is_refused_until_they_are_unlinked()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var account = session.Accounts.Create(new AccountDraft { Name = "Parent" });
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Child", AccountId = account.Id });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var refuse = host.Session();
        refuse.Accounts.Remove((await refuse.Accounts.FindAsync(account.Id, TestContext.Current.CancellationToken))!);
        var refused = await refuse.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(CrmErrorCodes.DeleteRefused, Assert.Single(refused.Errors).Code);

        var allow = host.Session();
        allow.Accounts.Remove((await allow.Accounts.FindAsync(account.Id, TestContext.Current.CancellationToken))!);
        (await allow.Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken))!.LinkToAccount(null);
        Assert.True((await allow.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
    }

    [Fact]
    public async Task Deleting_an_account_counts_every_linked_contact_not_only_the_first_hundred()
    {
        await using var host = new TestHost();
        var setup = host.Session();
        var account = setup.Accounts.Create(new AccountDraft { Name = "Big" });
        var contacts = Enumerable.Range(0, 150).Select(i => setup.Contacts.Create(new ContactDraft { LastName = $"C{i}", AccountId = account.Id })).ToList();
        Assert.True((await setup.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var session = host.Session();
        session.Accounts.Remove((await session.Accounts.FindAsync(account.Id, TestContext.Current.CancellationToken))!);
        foreach (var contact in contacts.Take(100))
        {
            (await session.Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken))!.LinkToAccount(null);
        }

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal(CrmErrorCodes.DeleteRefused, error.Code);
        Assert.Contains("50 contact(s)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_parent_account_is_refused_while_it_has_child_accounts()
    {
        await using var host = new TestHost();
        var setup = host.Session();
        var parent = setup.Accounts.Create(new AccountDraft { Name = "Parent" });
        var child = setup.Accounts.Create(new AccountDraft { Name = "Child" });
        child.SetParent(parent.Id);
        Assert.True((await setup.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var refuse = host.Session();
        refuse.Accounts.Remove((await refuse.Accounts.FindAsync(parent.Id, TestContext.Current.CancellationToken))!);
        Assert.Equal(CrmErrorCodes.DeleteRefused, Assert.Single((await refuse.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).Errors).Code);

        var allow = host.Session();
        allow.Accounts.Remove((await allow.Accounts.FindAsync(parent.Id, TestContext.Current.CancellationToken))!);
        (await allow.Accounts.FindAsync(child.Id, TestContext.Current.CancellationToken))!.SetParent(null);
        Assert.True((await allow.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
    }

    [Fact]
    public async Task Linking_a_contact_to_an_unknown_account_is_refused()
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Contacts.Create(new ContactDraft { LastName = "Orphan", AccountId = AccountId.FromGuid(Guid.CreateVersion7()) });

        var result = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var error = Assert.Single(result.Errors);
        Assert.Equal((CrmErrorCodes.ReferenceNotFound, "accountId"), (error.Code, error.Path));
    }

    [Fact]
    public void Aggregate_keeps_one_primary_per_kind()
    {
        var contact = Contact.Create(ContactId.FromGuid(Guid.CreateVersion7()), TestHost.Tenant, new ContactDraft { LastName = "P" }, NodaTime.Instant.FromUtc(2026, 1, 1, 0, 0));

        contact.AddContactPoint(ContactPoint.Email("a@example.com"));
        contact.AddContactPoint(ContactPoint.Email("b@example.com", primary: true));
        contact.AddContactPoint(ContactPoint.Phone("+4930123456"));
        contact.RemoveContactPoint(Crm.Customers.ContactPointKind.Email, "b@example.com");

        Assert.Equal("a@example.com", contact.PrimaryContactPoint(ContactPointKind.Email)?.Value);
        Assert.Equal("+4930123456", contact.PrimaryContactPoint(ContactPointKind.Phone)?.Value);
        Assert.Single(contact.Data.ContactPoints, p => p.IsPrimary && p.Kind == ContactPointKind.Email);
    }
}
