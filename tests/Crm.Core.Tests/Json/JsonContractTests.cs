using System.Text.Json;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Events;
using Crm.Json;
using Crm.Purchases;
using Crm.Storage;
using Crm.Timeline;
using Crm.Views;
using NodaTime;

namespace Crm.Core.Tests.Json;

/// <summary>The JSON contract of the public models, snapshot-tested, and round trips.</summary>
public sealed class JsonContractTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 11, 26, 9, 30, 15).PlusNanoseconds(123_456_000);

    private static readonly JsonSerializerOptions Indented = new(CrmJson.Options) { WriteIndented = true };

    public static ContactData SampleContact { get; } = new()
    {
        Id = ContactId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000c1"),
        TenantId = new TenantId("acme"),
        Version = 3,
        CreatedAt = At,
        UpdatedAt = At + Duration.FromDays(1),
        FirstName = "Zoë",
        LastName = "Ångström",
        JobTitle = "Head of Purchasing",
        AccountId = AccountId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000a1"),
        AccountRoles = [new AccountRole(AccountId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000a1"), [ContactRoles.Billing, ContactRoles.DecisionMaker], new LocalDate(2021, 1, 1))],
        OwnerId = new UserId("u-42"),
        LifecycleStage = LifecycleStage.SalesQualified,
        Classification = "A",
        ContactPoints = [ContactPoint.Email("zoe@example.com", primary: true), ContactPoint.Phone("+49301234567", primary: true, ContactPointLabel.Mobile)],
        Addresses = [new Address { Kind = AddressKind.Billing, Line1 = "Unter den Linden 1", PostalCode = "10117", City = "Berlin", CountryCode = "DE" }],
        Tags = ["key-account", "vip"],
        Consents = [new ChannelConsent(ContactChannel.Email, ConsentStatus.Granted, false, At, "web form"), new ChannelConsent(ContactChannel.Phone, ConsentStatus.Unknown, true, At)],
        CustomFields = new Dictionary<string, ScalarValue>
        {
            ["erpSegment"] = "wholesale",
            ["creditLimit"] = 25000.50m,
            ["isPartner"] = true,
            ["since"] = new LocalDate(2019, 4, 1),
            ["lastOrderAt"] = At,
        }.ToDictionary(),
        AlternateKeys = [new AlternateKey("erpCustomerNumber", "C-10042")],
    };

    public static AccountData SampleAccount { get; } = new()
    {
        Id = AccountId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000a1"),
        TenantId = new TenantId("acme"),
        Version = 1,
        CreatedAt = At,
        UpdatedAt = At,
        Name = "Acme Wholesale GmbH",
        Website = "https://acme.example",
        Industry = "Wholesale",
        LifecycleStage = LifecycleStage.Customer,
        Relationships = [new AccountRelationship(AccountId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000a2"), AccountRelationshipKinds.Supplier, new LocalDate(2020, 6, 1), new LocalDate(2025, 12, 31))],
        AlternateKeys = [new AlternateKey("erpCustomerNumber", "A-1")],
    };

    public static PurchaseData SamplePurchase { get; } = new()
    {
        Id = PurchaseId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000b1"),
        TenantId = new TenantId("acme"),
        Version = 2,
        CreatedAt = At,
        UpdatedAt = At,
        Source = "erp",
        OrderNumber = "SO-2026-0042",
        AccountId = SampleAccount.Id,
        ContactId = SampleContact.Id,
        OrderedOn = new LocalDate(2026, 11, 20),
        Lines = [new PurchaseLine(1, "ART-100", 3m, Money.Of(29.97m, "EUR"), "Widget"), new PurchaseLine(2, "ART-200", -1m, Money.Of(-5.00m, "EUR"), "Returned gadget")],
        Total = Money.Of(24.97m, "EUR"),
        AlternateKeys = [new AlternateKey("erp", "SO-2026-0042")],
    };

    public static ActivityData SampleActivity { get; } = new()
    {
        Id = ActivityId.Parse("0193f2a1-7c3b-7d4e-8f00-0000000000d1"),
        TenantId = new TenantId("acme"),
        Version = 1,
        CreatedAt = At,
        UpdatedAt = At,
        OwnerId = new UserId("u-42"),
        Kind = ActivityKind.Task,
        Subject = "Send the revised quote",
        OccurredAt = At,
        Direction = ActivityDirection.Outbound,
        Channel = "email",
        Duration = Duration.FromMinutes(25) + Duration.FromTicks(50),
        Participants = [new ActivityParticipant(ParticipantRole.To, SampleContact.Ref, "zoe@example.com", "Zoë Ångström")],
        Links = [SampleAccount.Ref],
        Status = ActivityStatus.Open,
        DueAt = At + Duration.FromDays(2),
        RemindAt = At + Duration.FromDays(1),
        BodyLength = 42,
        BodyPreview = "Hi Zoë, attached is the revised quote ...",
    };

    [Fact]
    public void Contact_json_matches_the_approved_contract() => Approval.Verify("contact", JsonSerializer.Serialize(SampleContact, Indented));

    [Fact]
    public void Account_json_matches_the_approved_contract() => Approval.Verify("account", JsonSerializer.Serialize(SampleAccount, Indented));

    [Fact]
    public void Purchase_json_matches_the_approved_contract() => Approval.Verify("purchase", JsonSerializer.Serialize(SamplePurchase, Indented));

    [Fact]
    public void Activity_json_matches_the_approved_contract() => Approval.Verify("activity", JsonSerializer.Serialize(SampleActivity, Indented));

    [Fact]
    public void Account_360_view_json_matches_the_approved_contract()
    {
        var view = new AccountView
        {
            Account = SampleAccount,
            Contacts = [new LinkedContact(SampleContact, [ContactRoles.Billing, ContactRoles.DecisionMaker], IsPrimary: true)],
            ContactCount = 1,
            RecentActivities = [SampleActivity],
            RecentPurchaseLines = [.. SamplePurchase.Lines.Select(l => new PurchaseLineEntry(SamplePurchase.Id, SamplePurchase.Source, SamplePurchase.OrderNumber, SamplePurchase.OrderedOn, l))],
            OpenTasks = [SampleActivity],
            Consent = [new ChannelConsentSummary(ContactChannel.Email, 1, 0, 0, 0), new ChannelConsentSummary(ContactChannel.Phone, 0, 0, 1, 1)],
            Totals = new CustomerTotals([Money.Of(24.97m, "EUR")], SamplePurchase.OrderedOn, 1, 1, 1),
            AsOf = At,
        };

        Approval.Verify("account-view", JsonSerializer.Serialize(view, Indented));
    }

    [Fact]
    public void Activity_and_purchase_round_trip_through_json()
    {
        var activity = JsonSerializer.Serialize(SampleActivity, CrmJson.Options);
        var purchase = JsonSerializer.Serialize(SamplePurchase, CrmJson.Options);

        Assert.Equal(activity, JsonSerializer.Serialize(JsonSerializer.Deserialize<ActivityData>(activity, CrmJson.Options), CrmJson.Options));
        Assert.Equal(purchase, JsonSerializer.Serialize(JsonSerializer.Deserialize<PurchaseData>(purchase, CrmJson.Options), CrmJson.Options));
    }

    [Fact]
    public void Error_change_and_event_json_match_the_approved_contract()
    {
        var models = new object[]
        {
            new CrmError(CrmErrorCodes.InvalidEmail, "'x' is not a valid email address.", "contactPoints[0].value", SampleContact.Ref),
            new ChangeFeedEntry(7, SampleContact.Ref, ChangeKind.Deleted, 3, At),
            new ConsentChanged(SampleContact.Ref, ContactChannel.Email, ConsentStatus.Withdrawn, true),
            Money.Of(1234.50m, "EUR"),
            new ContactCreated(SampleContact.Id),
            new PurchaseRecorded(SamplePurchase.Id, SampleAccount.Id, null),
            new ActivityLogged(SampleActivity.Id, ActivityKind.Call),
        };

        Approval.Verify("misc", JsonSerializer.Serialize(models, Indented));
    }

    [Fact]
    public void Contact_round_trips_through_json()
    {
        var json = JsonSerializer.Serialize(SampleContact, CrmJson.Options);
        var back = JsonSerializer.Deserialize<ContactData>(json, CrmJson.Options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, CrmJson.Options));
        Assert.Equal(SampleContact.Id, back.Id);
        Assert.Equal(SampleContact.CreatedAt, back.CreatedAt);
        Assert.Equal(ScalarValue.Number(25000.5m), back.CustomFields["creditLimit"]);
    }

    [Fact]
    public void Money_round_trips_exactly()
    {
        var money = Money.Of(79228162514264337593543950335m, "EUR");

        Assert.Equal(money, JsonSerializer.Deserialize<Money>(JsonSerializer.Serialize(money, CrmJson.Options), CrmJson.Options));
    }

    [Theory]
    [InlineData("{\"amount\": 1}")]
    [InlineData("{\"amount\": 1, \"currency\": \"XYZ\"}")]
    [InlineData("\"1 EUR\"")]
    public void Malformed_money_is_a_json_error(string json) =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Money>(json, CrmJson.Options));

    [Fact]
    public void Enums_are_camel_case_strings_and_numbers_are_refused()
    {
        Assert.Equal("\"salesQualified\"", JsonSerializer.Serialize(LifecycleStage.SalesQualified, CrmJson.Options));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<LifecycleStage>("3", CrmJson.Options));
    }
}
