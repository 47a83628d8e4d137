// The Crm SDK quickstart: the main job of a CRM on the embedded default store (a SQLite file,
// created and migrated on first run), end to end.
// Run: dotnet run --project samples/Crm.Samples.Quickstart
// PostgreSQL instead: CRM_POSTGRES="Host=...;Username=...;Database=..." dotnet run --project samples/Crm.Samples.Quickstart
using Crm;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Events;
using Crm.Samples.Quickstart;
using Crm.Segmentation;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.EntityFrameworkCore;
using Crm.Purchases;
using Crm.Storage.Querying;
using Crm.Timeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

// The demo starts from a fresh SQLite file on every run; on PostgreSQL (a shared database) each run is its own tenant.
var postgres = Environment.GetEnvironmentVariable("CRM_POSTGRES");
var sqliteFile = Path.Combine(Path.GetTempPath(), "crm-quickstart.db");
if (postgres is null)
{
    foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
    {
        File.Delete(file);
    }
}

var tenant = new TenantId(postgres is null ? "acme-wholesale" : $"acme-wholesale-{DateTime.UtcNow:yyyyMMddHHmmssfff}");

// 1. Register the SDK: the store, the tenant's defaults and custom fields, an event handler.
var services = new ServiceCollection();
services.AddLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning));
services.AddCrm(crm =>
{
    if (postgres is null)
    {
        crm.UseSqliteStorage($"Data Source={sqliteFile}");
    }
    else
    {
        crm.UsePostgreSqlStorage(postgres);
    }

    crm.Configure(options => options.Tenants[tenant.Value] = new TenantSettings { DefaultPhoneRegion = "DE", DefaultCurrency = Currency.FromCode("EUR") })
        .AddCustomFields(tenant, new CustomFieldSchema(EntityTypes.Contact,
        [
            new CustomFieldDefinition { Name = "erpSegment", Type = CustomFieldType.Choice, Choices = ["wholesale", "retail"], Required = true },
            new CustomFieldDefinition { Name = "creditLimit", Type = CustomFieldType.Number, Minimum = 0 },
            new CustomFieldDefinition { Name = "customerSince", Type = CustomFieldType.Date },
        ]))
        .AddEventHandler<ContactCreated, PrintNewContacts>()
        .AddSegmentation();
});
await using var provider = services.BuildServiceProvider();
await provider.MigrateCrmStorageAsync();
Console.WriteLine($"0. Store: {(postgres is null ? $"SQLite file {sqliteFile}" : "PostgreSQL")}, schema migrated.");
var sessions = provider.GetRequiredService<ICrmSessionFactory>();
var user = OperationContext.ForUser(tenant, new UserId("anna"));

// 2. An account and its contacts with custom fields, committed together.
var session = sessions.OpenSession(user);
var account = session.Accounts.Create(new AccountDraft { Name = "Müller Großhandel GmbH", Website = "https://mueller.example", Industry = "Wholesale" });
account.SetAlternateKey("erpCustomerNumber", "K-10042");
string[] lastNames = ["Schmidt", "Becker", "Wagner", "Hoffmann", "Fischer"];
string[] firstNames = ["Anna", "Jonas", "Lea", "Paul", "Mia"];
for (var i = 0; i < lastNames.Length; i++)
{
    session.Contacts.Create(new ContactDraft
    {
        FirstName = firstNames[i],
        LastName = lastNames[i],
        AccountId = account.Id,
        LifecycleStage = LifecycleStage.Customer,
        ContactPoints = [ContactPoint.Email($"{lastNames[i]}@Mueller.example"), ContactPoint.Phone($"030 12345{i}0")],
        CustomFields = new Dictionary<string, ScalarValue>
        {
            ["erpSegment"] = i % 2 == 0 ? "wholesale" : "retail",
            ["creditLimit"] = 5_000m * (i + 1),
            ["customerSince"] = $"201{i}-04-01",
        },
    });
}

var created = await session.CommitAsync("quickstart-import-1");
Console.WriteLine($"1. Created {created.Value!.Written.Count} records (change feed position {created.Value.Position}).");
var schmidt = session.Contacts.Tracked.First(c => c.Data.LastName == "Schmidt");
Console.WriteLine($"   {schmidt.DisplayName}: {string.Join(", ", schmidt.Data.ContactPoints.Select(p => p.Value))} (normalised), version {schmidt.Version}");

// 3. An update: load by id, change through the aggregate's methods, commit.
var editor = sessions.OpenSession(user);
var contact = (await editor.Contacts.FindAsync(schmidt.Id))!;
contact.SetJobTitle("Head of Purchasing");
contact.SetConsent(ContactChannel.Email, ConsentStatus.Granted, SystemClockNow());
await editor.CommitAsync();
Console.WriteLine($"2. Updated {contact.DisplayName}: job title '{contact.Data.JobTitle}', version {contact.Version}.");

// 4. A stale-version conflict: two users loaded the same contact; the second commit is refused.
var first = sessions.OpenSession(user);
var second = sessions.OpenSession(OperationContext.ForUser(tenant, new UserId("ben")));
var mine = (await first.Contacts.FindAsync(schmidt.Id))!;
var theirs = (await second.Contacts.FindAsync(schmidt.Id))!;
mine.SetCustomField("creditLimit", 7_500m);
theirs.SetCustomField("creditLimit", 9_000m);
await first.CommitAsync();
var conflict = await second.CommitAsync();
Console.WriteLine("3. Concurrent edit refused:");
foreach (var error in conflict.Errors)
{
    Console.WriteLine($"   {error}");
}

// 5. A validation failure: every problem at once, with paths; nothing is written.
var bad = sessions.OpenSession(user);
bad.Contacts.Create(new ContactDraft
{
    FirstName = "",
    ContactPoints = [ContactPoint.Email("anna@", primary: true), ContactPoint.Email("anna@example.com", primary: true), ContactPoint.Phone("12")],
    CustomFields = new Dictionary<string, ScalarValue> { ["creditLimt"] = 100m },
});
var invalid = await bad.CommitAsync();
Console.WriteLine($"4. Invalid contact refused with {invalid.Errors.Count} errors:");
foreach (var error in invalid.Errors)
{
    Console.WriteLine($"   {error.Code} at {error.Path}: {error.Message}");
}

// 6. A query with keyset paging: wholesale contacts by last name, two per page.
var query = new RecordQuery
{
    Filter = Filter.Equal("customFields.erpSegment", "wholesale") & Filter.Equal("accountId", account.Id.ToString()),
    Sort = [SortKey.Ascending("lastName")],
    PageSize = 2,
};
Console.WriteLine("5. Wholesale contacts, two per page:");
var reader = sessions.OpenSession(user);
for (var page = 1; ; page++)
{
    var result = (await reader.Contacts.QueryAsync(query)).Value!;
    Console.WriteLine($"   page {page}: {string.Join(", ", result.Items.Select(c => $"{c.DisplayName} (credit {c.Data.CustomFields["creditLimit"]})"))}");
    if (result.NextCursor is null)
    {
        break;
    }

    query = query with { Cursor = result.NextCursor };
}

// 7. Look-up by the ERP's key, the change feed, and the events delivered after the commits.
var byErpKey = await reader.Accounts.FindByAlternateKeyAsync("erpCustomerNumber", "K-10042");
Console.WriteLine($"6. ERP key K-10042 is {byErpKey?.Name}; the tenant's change feed has {(await reader.ReadChangesAsync(0)).Count} entries.");

// 8. The customer's whole picture: roles, the activity timeline, purchase history from the ERP.
var crm = sessions.OpenSession(user);
var anna = (await crm.Contacts.FindAsync(schmidt.Id))!;
anna.LinkAccount(account.Id, [ContactRoles.DecisionMaker, ContactRoles.Billing]);
var now = SystemClockNow();
crm.Activities.Log(new ActivityDraft
{
    Kind = ActivityKind.Call,
    Subject = "Annual price negotiation",
    Direction = ActivityDirection.Outbound,
    OccurredAt = now - NodaTime.Duration.FromDays(2),
    Duration = NodaTime.Duration.FromMinutes(25),
    Participants = [new ActivityParticipant(ParticipantRole.To, anna.Data.Ref, "+49301234500")],
    Links = [account.Data.Ref],
});
crm.Activities.Log(new ActivityDraft
{
    Kind = ActivityKind.Email,
    Subject = "Revised price list 2027",
    Direction = ActivityDirection.Outbound,
    OccurredAt = now - NodaTime.Duration.FromHours(3),
    Participants = [new ActivityParticipant(ParticipantRole.To, anna.Data.Ref, "schmidt@mueller.example")],
    Links = [account.Data.Ref],
    Body = "Dear Ms Schmidt,\n\nplease find our revised price list for 2027 attached. ...",
});
crm.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Send the framework contract", DueAt = now + NodaTime.Duration.FromDays(5), Links = [account.Data.Ref] });
var today = now.InUtc().Date;
foreach (var (number, daysAgo, lines) in new[]
{
    ("SO-2026-1187", 40, new[] { ("ART-100", 120m, 1_428.00m), ("ART-220", 15m, 337.50m) }),
    ("SO-2026-1342", 12, new[] { ("ART-100", 80m, 952.00m) }),
})
{
    // What an ERP sync does: upsert by the ERP's keys; sending the same order again writes nothing.
    await crm.Purchases.UpsertAsync(new PurchaseDraft
    {
        Source = "erp",
        OrderNumber = number,
        OrderedOn = today.PlusDays(-daysAgo),
        AccountId = account.Id,
        Lines = [.. lines.Select((l, i) => new PurchaseLine(i + 1, l.Item1, l.Item2, Money.Of(l.Item3, "EUR")))],
    });
}

await crm.CommitAsync();
var view = (await sessions.OpenSession(user).Views.GetAccountViewAsync(account.Id))!;
Console.WriteLine("7. The 360 view of the account:");
ViewPrinter.Print(view);

// 9. A dynamic segment (a rule), refreshed into a membership snapshot with entered/left events;
//    RFM and A/B/C tiers of the accounts, computed in the database from the purchase history.
var segments = sessions.OpenSession(user);
var reachable = segments.Segments().DefineDynamic("Reachable customers", EntityTypes.Contact,
    "lifecycleStage = \"customer\" and count(contactPoints where kind = \"phone\") >= 1", refreshEvery: NodaTime.Duration.FromHours(1));
var refresh = await segments.Segments().RefreshAsync(reachable);
await segments.CommitAsync();
Console.WriteLine($"8. Segment '{reachable.Data.Name}' ({reachable.Data.Rule}): {refresh.Entered.Count} entered, snapshot {reachable.Data.Snapshots}.");
var value = CustomerValue.For(provider.GetRequiredService<ICrmStore>());
var rfm = await value.ScoreAccountsAsync(user, "EUR", new RfmOptions { AsOf = today });
var tiers = await value.AssignAccountTiersAsync(user, "EUR");
Console.WriteLine($"   RFM of {account.Name}: {rfm[0].Code} (recency {rfm[0].RecencyDays} days, {rfm[0].Frequency} orders, {rfm[0].Monetary:N2} EUR); tier {tiers[0].Tier}.");

var delivered = await provider.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync();
Console.WriteLine($"9. Relay delivered {delivered} event(s) in this pass.");

static NodaTime.Instant SystemClockNow() => NodaTime.SystemClock.Instance.GetCurrentInstant();
