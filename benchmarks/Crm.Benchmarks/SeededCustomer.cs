using Crm.Customers;
using Crm.Purchases;
using Crm.Storage;
using Crm.Timeline;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>
/// One customer of the 360 view benchmarks: an account with 5 contacts, 200 activities (every
/// 20th an open task; each names one of the contacts as participant) and 40 orders of 5 lines.
/// </summary>
internal sealed record SeededCustomer(AccountData Account, ContactData[] Contacts, ActivityData[] Activities, PurchaseData[] Purchases)
{
    public const int ContactCount = 5;
    public const int ActivityCount = 200;
    public const int OrderCount = 40;
    private const int LinesPerOrder = 5;
    private static readonly string[] Subjects = [.. Enumerable.Range(0, 16).Select(i => $"Follow-up about topic {i}")];
    private static readonly PurchaseLine[][] LineSets = [.. Enumerable.Range(0, 8).Select(set => (PurchaseLine[])[.. Enumerable.Range(1, LinesPerOrder).Select(n => new PurchaseLine(n, $"ART-{set}{n}", n, Money.Of(9.95m * n * (set + 1), "EUR"), "Article"))])];

    /// <summary>Every record as an insert of one commit.</summary>
    public List<StagedWrite> Writes() =>
        [.. ((IEnumerable<AggregateData>)[Account, .. Contacts, .. Activities, .. Purchases]).Select(d => new StagedWrite(WriteKind.Insert, d.Ref, 0, d))];

    /// <summary>Builds customer number <paramref name="c"/> of a tenant.</summary>
    public static SeededCustomer Build(int c, TenantId tenant, ClockIdGenerator ids, Instant now)
    {
        var account = new AccountData { Id = AccountId.FromGuid(ids.NewGuid()), TenantId = tenant, Version = 1, CreatedAt = now, UpdatedAt = now, Name = $"Customer {c}" };
        var contacts = new ContactData[ContactCount];
        for (var p = 0; p < ContactCount; p++)
        {
            contacts[p] = new ContactData
            {
                Id = ContactId.FromGuid(ids.NewGuid()),
                TenantId = tenant,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
                FirstName = "Anna",
                LastName = $"Person {p}",
                AccountId = account.Id,
                AccountRoles = [new AccountRole(account.Id, [p == 0 ? ContactRoles.DecisionMaker : ContactRoles.User])],
                Consents = [new ChannelConsent(ContactChannel.Email, p % 2 == 0 ? ConsentStatus.Granted : ConsentStatus.Unknown, false, now)],
            };
        }

        RecordRef[] links = [account.Ref];
        var participants = contacts.Select(p => (ActivityParticipant[])[new ActivityParticipant(ParticipantRole.To, p.Ref)]).ToArray();
        var activities = new ActivityData[ActivityCount];
        for (var a = 0; a < ActivityCount; a++)
        {
            var task = a % 20 == 0;
            activities[a] = new ActivityData
            {
                Id = ActivityId.FromGuid(ids.NewGuid()),
                TenantId = tenant,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
                Kind = task ? ActivityKind.Task : (ActivityKind)(a % 6),
                Subject = Subjects[a % Subjects.Length],
                OccurredAt = now - Duration.FromHours(a * 7),
                Status = task ? ActivityStatus.Open : ActivityStatus.Completed,
                DueAt = task ? now + Duration.FromDays(a) : null,
                Links = links,
                Participants = participants[a % ContactCount],
            };
        }

        var purchases = new PurchaseData[OrderCount];
        for (var o = 0; o < OrderCount; o++)
        {
            var lines = LineSets[(c + o) % LineSets.Length];
            var number = $"SO-{c}-{o}";
            purchases[o] = new PurchaseData
            {
                Id = PurchaseId.FromGuid(ids.NewGuid()),
                TenantId = tenant,
                Version = 1,
                CreatedAt = now,
                UpdatedAt = now,
                Source = "erp",
                OrderNumber = number,
                AccountId = account.Id,
                OrderedOn = now.InUtc().Date.PlusDays(-9 * o),
                Lines = lines,
                Total = new Money(lines.Sum(l => l.Amount.Amount), lines[0].Amount.Currency),
                AlternateKeys = [new AlternateKey("erp", number)],
            };
        }

        return new SeededCustomer(account, contacts, activities, purchases);
    }
}
