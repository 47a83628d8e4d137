using System.Text.Json;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Events;
using Crm.Json;
using Crm.Storage;
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
        AlternateKeys = [new AlternateKey("erpCustomerNumber", "A-1")],
    };

    [Fact]
    public void Contact_json_matches_the_approved_contract() => Approval.Verify("contact", JsonSerializer.Serialize(SampleContact, Indented));

    [Fact]
    public void Account_json_matches_the_approved_contract() => Approval.Verify("account", JsonSerializer.Serialize(SampleAccount, Indented));

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
