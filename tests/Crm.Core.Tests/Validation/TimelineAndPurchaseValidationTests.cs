using Crm.Customers;
using Crm.Storage;
using Crm.Purchases;
using Crm.Timeline;
using NodaTime;

namespace Crm.Core.Tests.Validation;

/// <summary>Bad activities, bodies, purchases and relationships: every problem at once, with paths; nothing written.</summary>
public sealed class TimelineAndPurchaseValidationTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bad_activity_and_body_report_every_problem()
    {
        await using var host = new TestHost();
        var session = host.Session();
        session.Activities.Log(new ActivityDraft
        {
            Kind = ActivityKind.Meeting,
            Subject = " ",
            Channel = "phone\0",
            Duration = Duration.FromMinutes(-5),
            Participants = [new ActivityParticipant(ParticipantRole.Attendee), new ActivityParticipant((ParticipantRole)42, Address: "x@example.com")],
            Links = [new RecordRef("account", Guid.Empty)],
            Body = "Minutes",
            BodyContentType = "application/pdf",
        });
        session.Activities.Log(new ActivityDraft { Kind = ActivityKind.Email, Subject = "Huge", Body = new string('b', ActivityBodyData.MaxLength + 1) });

        var result = await session.CommitAsync(cancellationToken: Cancellation);

        Assert.Equal(
            [
                ("activity", CrmErrorCodes.ContainsNul, "channel"),
                ("activity", CrmErrorCodes.InvalidValue, "links[0]"),
                ("activity", CrmErrorCodes.InvalidValue, "participants[1].role"),
                ("activity", CrmErrorCodes.OutOfRange, "duration"),
                ("activity", CrmErrorCodes.Required, "participants[0]"),
                ("activity", CrmErrorCodes.Required, "subject"),
                ("activityBody", CrmErrorCodes.InvalidValue, "contentType"),
                ("activityBody", CrmErrorCodes.TooLong, "text"),
            ],
            result.Errors.Select(e => (e.Record!.Value.EntityType, e.Code, e.Path!)).Order());
        Assert.Empty(await host.Session().ReadChangesAsync(0, 10, Cancellation));
    }

    [Fact]
    public async Task Bad_purchase_reports_every_problem()
    {
        await using var host = new TestHost();
        var session = host.Session();
        await session.Purchases.UpsertAsync(new PurchaseDraft
        {
            Source = "erp",
            OrderNumber = "SO-1",
            OrderedOn = new LocalDate(2026, 11, 1),
            Lines =
            [
                new PurchaseLine(1, " ", 1m, Money.Of(1m, "EUR")),
                new PurchaseLine(1, "B", 1m, Money.Of(2m, "EUR")),
                new PurchaseLine(2, "C", 1m, Money.Of(3m, "CHF")),
            ],
        }, Cancellation);
        await session.Purchases.UpsertAsync(new PurchaseDraft { Source = "9erp", OrderNumber = "SO-2", OrderedOn = new LocalDate(2026, 11, 1), ContactId = ContactId.FromGuid(Guid.CreateVersion7()), Lines = [] }, Cancellation);

        var result = await session.CommitAsync(cancellationToken: Cancellation);

        Assert.Equal(
            [
                (CrmErrorCodes.CurrencyMismatch, "lines[2].amount"),
                (CrmErrorCodes.DuplicateValue, "lines[1].lineNumber"),
                (CrmErrorCodes.InvalidValue, "alternateKeys[0].name"),
                (CrmErrorCodes.ReferenceNotFound, "contactId"),
                (CrmErrorCodes.Required, "accountId"),
                (CrmErrorCodes.Required, "lines"),
                (CrmErrorCodes.Required, "lines[0].productCode"),
            ],
            result.Errors.Select(e => (e.Code, e.Path!)).Order());
        await Assert.ThrowsAsync<ArgumentException>(() => session.Purchases.UpsertAsync(new PurchaseDraft { Source = " ", OrderNumber = "1", OrderedOn = default, Lines = [] }, Cancellation));
    }

    [Fact]
    public async Task Bad_relationships_report_their_paths()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var account = session.Accounts.Create(new AccountDraft { Name = "Acme" });
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Roles" });
        contact.LinkAccount(account.Id, [new string('r', 65), "ok", "ok"], new LocalDate(2026, 5, 1), new LocalDate(2026, 4, 1));
        account.Relate(AccountId.FromGuid(Guid.CreateVersion7()), " ");

        var result = await session.CommitAsync(cancellationToken: Cancellation);

        Assert.Equal(
            [
                (CrmErrorCodes.InvalidValue, "accountRoles[0].until"),
                (CrmErrorCodes.ReferenceNotFound, "relationships[0].relatedAccountId"),
                (CrmErrorCodes.Required, "relationships[0].kind"),
                (CrmErrorCodes.TooLong, "accountRoles[0].roles[1]"),
            ],
            result.Errors.Select(e => (e.Code, e.Path!)).Order());
    }

    [Fact]
    public void Purchase_upsert_matching_ignores_line_order_but_not_content()
    {
        var draft = new PurchaseDraft
        {
            Source = "erp",
            OrderNumber = "SO-1",
            OrderedOn = new LocalDate(2026, 11, 1),
            AccountId = AccountId.FromGuid(Guid.CreateVersion7()),
            Lines = [new PurchaseLine(2, "B", 1m, Money.Of(2m, "EUR")), new PurchaseLine(1, "A", 1m, Money.Of(1m, "EUR"))],
        };
        var purchase = Purchase.Create(PurchaseId.FromGuid(Guid.CreateVersion7()), new TenantId("t"), draft, Instant.FromUtc(2026, 11, 1, 0, 0));

        Assert.Equal([1, 2], purchase.Data.Lines.Select(l => l.LineNumber));
        Assert.Equal(Money.Of(3m, "EUR"), purchase.Data.Total);
        Assert.True(purchase.Matches(draft with { Lines = [.. draft.Lines.Reverse()] }));
        Assert.False(purchase.Matches(draft with { Lines = [draft.Lines[0], draft.Lines[1] with { Quantity = 2m }] }));
        Assert.False(purchase.Matches(draft with { OrderedOn = new LocalDate(2026, 11, 2) }));
        Assert.Throws<ArgumentException>(() => purchase.Replace(draft with { OrderNumber = "SO-2" }));
    }

    [Fact]
    public async Task The_erp_key_stays_and_other_keys_survive_upserts()
    {
        await using var host = new TestHost();
        var setup = host.Session();
        var account = setup.Accounts.Create(new AccountDraft { Name = "Buyer" });
        var draft = new PurchaseDraft { Source = "erp", OrderNumber = "SO-9", OrderedOn = new LocalDate(2026, 11, 1), AccountId = account.Id, Lines = [new PurchaseLine(1, "A", 1m, Money.Of(5m, "EUR"))] };
        var purchase = (await setup.Purchases.UpsertAsync(draft, Cancellation)).Purchase;
        purchase.SetAlternateKey("invoice", "INV-77");
        Assert.True((await setup.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        var update = host.Session();
        await update.Purchases.UpsertAsync(draft with { Lines = [new PurchaseLine(1, "A", 2m, Money.Of(10m, "EUR"))] }, Cancellation);
        Assert.True((await update.CommitAsync(cancellationToken: Cancellation)).IsSuccess);
        Assert.Equal(purchase.Id, (await host.Session().Purchases.FindByAlternateKeyAsync("invoice", "INV-77", Cancellation))!.Id);

        var drift = host.Session();
        (await drift.Purchases.FindAsync(purchase.Id, Cancellation))!.SetAlternateKey("erp", "SO-OTHER");
        var refused = await drift.CommitAsync(cancellationToken: Cancellation);
        Assert.Equal((CrmErrorCodes.InvalidValue, "alternateKeys"), (Assert.Single(refused.Errors).Code, refused.Errors[0].Path));
    }

    [Fact]
    public async Task A_line_without_currency_or_a_null_line_is_reported_not_thrown()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var account = session.Accounts.Create(new AccountDraft { Name = "Buyer" });
        await session.Purchases.UpsertAsync(new PurchaseDraft { Source = "erp", OrderNumber = "SO-1", OrderedOn = new LocalDate(2026, 11, 1), AccountId = account.Id, Lines = [new PurchaseLine(1, "A", 1m, default), null!] }, Cancellation);

        var result = await session.CommitAsync(cancellationToken: Cancellation);

        Assert.Equal([(CrmErrorCodes.Required, "lines[0].amount"), (CrmErrorCodes.Required, "lines[1]")], result.Errors.Select(e => (e.Code, e.Path!)).Order());
    }

    [Fact]
    public async Task Moving_the_primary_account_keeps_the_previous_one_linked()
    {
        await using var host = new TestHost();
        var session = host.Session();
        var first = session.Accounts.Create(new AccountDraft { Name = "First" });
        var second = session.Accounts.Create(new AccountDraft { Name = "Second" });
        var contact = session.Contacts.Create(new ContactDraft { LastName = "Mover", AccountId = first.Id });

        contact.LinkAccount(second.Id, [ContactRoles.Billing], primary: true);

        Assert.Equal(second.Id, contact.Data.AccountId);
        Assert.Equal(new[] { first.Id, second.Id }.Order(), contact.Data.LinkedAccountIds.Order());
        Assert.Empty(contact.RolesAt(first.Id));
        Assert.True((await session.CommitAsync(cancellationToken: Cancellation)).IsSuccess);
    }

    [Fact]
    public async Task A_null_link_is_reported_by_index_and_unlinking_before_a_delete_orders_the_writes()
    {
        await using var host = new TestHost();
        var setup = host.Session();
        var account = setup.Accounts.Create(new AccountDraft { Name = "Gone soon" });
        var contact = setup.Contacts.Create(new ContactDraft { LastName = "Linked", AccountId = account.Id });
        Assert.True((await setup.CommitAsync(cancellationToken: Cancellation)).IsSuccess);

        var bad = host.Session();
        bad.Contacts.Add(new Contact(new ContactData { Id = ContactId.FromGuid(Guid.CreateVersion7()), TenantId = TestHost.Tenant, LastName = "Nulls", AccountRoles = [null!] }));
        var refused = await bad.CommitAsync(cancellationToken: Cancellation);
        Assert.Equal((CrmErrorCodes.Required, "accountRoles[0]"), (Assert.Single(refused.Errors).Code, refused.Errors[0].Path));

        var session = host.Session();
        var gone = (await session.Accounts.FindAsync(account.Id, Cancellation))!;
        session.Accounts.Remove(gone);
        (await session.Contacts.FindAsync(contact.Id, Cancellation))!.LinkToAccount(null);
        var summary = (await session.CommitAsync(cancellationToken: Cancellation)).Value!;

        Assert.Equal([EntityTypes.Contact, EntityTypes.Account], summary.Written.Select(r => r.EntityType));
        Assert.Equal([ChangeKindOf(Crm.Storage.ChangeKind.Upserted), ChangeKindOf(Crm.Storage.ChangeKind.Deleted)], (await host.Session().ReadChangesAsync(summary.Position - 2, 10, Cancellation)).Select(e => ChangeKindOf(e.Kind)));
    }

    private static string ChangeKindOf(Crm.Storage.ChangeKind kind) => kind.ToString();
}
