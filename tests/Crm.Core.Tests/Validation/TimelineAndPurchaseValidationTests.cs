using Crm.Customers;
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
}
