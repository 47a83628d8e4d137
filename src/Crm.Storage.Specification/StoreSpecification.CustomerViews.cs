using Crm.Customers;
using Crm.Purchases;
using Crm.Timeline;
using Crm.Views;
using NodaTime;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>
    /// The account 360 view: the account, its contacts with roles and primary flag (ordered by
    /// name), the 20 newest activities, the 20 newest purchase lines, open tasks by due time,
    /// consent per channel over its contacts, and totals (revenue per currency, last purchase,
    /// counts) — nothing of another account. The contact view shows the contact's side.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Customer_360_views_show_the_whole_picture()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var account = await InsertAccountAsync("Acme");
        var rival = await InsertAccountAsync("Rival");
        var start = Clock.GetCurrentInstant();
        var setup = Session();
        var ada = setup.Contacts.Create(new ContactDraft { FirstName = "Ada", LastName = "Byron" });
        ada.LinkAccount(account.Id, [ContactRoles.DecisionMaker]);
        ada.SetConsent(ContactChannel.Email, ConsentStatus.Granted, start);
        var bob = setup.Contacts.Create(new ContactDraft { FirstName = "Bob", LastName = "Able", AccountId = rival.Id });
        bob.LinkAccount(account.Id, [ContactRoles.Billing]);
        bob.SetConsent(ContactChannel.Email, ConsentStatus.Granted, start);
        bob.SetDoNotContact(ContactChannel.Email, true, start);
        var outsider = setup.Contacts.Create(new ContactDraft { FirstName = "Olga", LastName = "Out", AccountId = rival.Id });
        for (var i = 0; i < 30; i++)
        {
            setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Call, Subject = $"Call {i}", OccurredAt = start - Duration.FromHours(i), Links = [account.Ref], Participants = [new ActivityParticipant(ParticipantRole.To, ada.Data.Ref)] });
        }

        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = "Follow up", DueAt = start + Duration.FromDays(1), Links = [account.Ref, bob.Data.Ref] });
        setup.Activities.Log(new ActivityDraft { Kind = ActivityKind.Note, Subject = "Rival note", Links = [rival.Ref] });
        for (var i = 0; i < 12; i++)
        {
            // 12 orders of 3 lines, one a day back from today; every fourth in dollars.
            var currency = i % 4 == 3 ? "USD" : "EUR";
            await setup.Purchases.UpsertAsync(new PurchaseDraft
            {
                Source = "erp",
                OrderNumber = $"SO-{i:00}",
                OrderedOn = start.InUtc().Date.PlusDays(-i),
                AccountId = account.Id,
                ContactId = i == 0 ? ada.Id : null,
                Lines = [.. Enumerable.Range(1, 3).Select(n => new PurchaseLine(n, $"P{n}", n, Money.Of(10m * n, currency)))],
            }, cancellation);
        }

        await setup.Purchases.UpsertAsync(Order(rival.Id, "SO-RIVAL", 999m), cancellation);
        AssertCommitted(await setup.CommitAsync(cancellationToken: cancellation));

        var view = (await Session().Views.GetAccountViewAsync(account.Id, cancellation))!;
        Assert.Equal("Acme", view.Account.Name);
        Assert.Equal([("Able", false, "billing"), ("Byron", true, "decisionMaker")], view.Contacts.Select(c => (c.Contact.LastName!, c.IsPrimary, string.Join(",", c.Roles))));
        Assert.Equal(2, view.ContactCount);
        var timeline = setup.Activities.Tracked.Select(a => a.Data).Where(a => a.Links.Contains(account.Ref)).OrderByDescending(a => a.OccurredAt).ThenBy(a => a.Id.Value);
        Assert.Equal(timeline.Take(20).Select(a => a.Id), view.RecentActivities.Select(a => a.Id));
        Assert.Equal(20, view.RecentPurchaseLines.Count);
        Assert.Equal(["SO-00", "SO-01", "SO-02", "SO-03", "SO-04", "SO-05", "SO-06"], view.RecentPurchaseLines.Select(l => l.OrderNumber).Distinct());
        Assert.Equal([1, 2, 3], view.RecentPurchaseLines.Take(3).Select(l => l.Line.LineNumber));
        Assert.Equal("Follow up", Assert.Single(view.OpenTasks).Subject);
        var email = view.Consent.Single(c => c.Channel == ContactChannel.Email);
        Assert.Equal((1, 0, 0, 1), (email.Granted, email.Withdrawn, email.Unknown, email.DoNotContact));
        Assert.Equal([Money.Of(9 * 60m, "EUR"), Money.Of(3 * 60m, "USD")], view.Totals.LifetimeRevenue);
        Assert.Equal(start.InUtc().Date, view.Totals.LastPurchaseOn);
        Assert.Equal((12, 31L, 1L), (view.Totals.PurchaseCount, view.Totals.ActivityCount, view.Totals.OpenTaskCount));

        var adaView = (await Session().Views.GetContactViewAsync(ada.Id, cancellation))!;
        Assert.Equal([("Acme", true)], adaView.Accounts.Select(a => (a.Account.Name, a.IsPrimary)));
        Assert.Equal((30L, 1, 0L), (adaView.Totals.ActivityCount, adaView.Totals.PurchaseCount, adaView.Totals.OpenTaskCount));
        Assert.Equal([Money.Of(60m, "EUR")], adaView.Totals.LifetimeRevenue);
        Assert.Equal(3, adaView.RecentPurchaseLines.Count);
        var bobView = (await Session().Views.GetContactViewAsync(bob.Id, cancellation))!;
        Assert.Equal([("Rival", true, ""), ("Acme", false, "billing")], bobView.Accounts.Select(a => (a.Account.Name, a.IsPrimary, string.Join(",", a.Roles))));
        Assert.Equal("Follow up", Assert.Single(bobView.OpenTasks).Subject);
        Assert.Equal(["Rival"], (await Session().Views.GetContactViewAsync(outsider.Id, cancellation))!.Accounts.Select(a => a.Account.Name));
        Assert.Null(await Session(TenantB).Views.GetAccountViewAsync(account.Id, cancellation));
    }

    /// <summary>A group roll-up sums the purchases of an account and all accounts below it, per currency, and counts distinct contacts.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Group_rollups_sum_the_accounts_below()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var setup = Session();
        var holding = setup.Accounts.Create(new AccountDraft { Name = "Holding" });
        var europe = setup.Accounts.Create(new AccountDraft { Name = "Europe" });
        var germany = setup.Accounts.Create(new AccountDraft { Name = "Germany" });
        var elsewhere = setup.Accounts.Create(new AccountDraft { Name = "Elsewhere" });
        europe.SetParent(holding.Id);
        germany.SetParent(europe.Id);
        var shared = setup.Contacts.Create(new ContactDraft { LastName = "Shared", AccountId = europe.Id });
        shared.LinkAccount(germany.Id, [ContactRoles.Billing]);
        setup.Contacts.Create(new ContactDraft { LastName = "Local", AccountId = germany.Id });
        await setup.Purchases.UpsertAsync(Order(europe.Id, "E-1", 100m), cancellation);
        await setup.Purchases.UpsertAsync(Order(germany.Id, "G-1", 10m, 5m), cancellation);
        await setup.Purchases.UpsertAsync(Order(elsewhere.Id, "X-1", 1000m), cancellation);
        AssertCommitted(await setup.CommitAsync(cancellationToken: cancellation));

        var rollup = (await Session().Views.GetGroupRollupAsync(holding.Id, cancellation))!;
        Assert.Equal([holding.Id, europe.Id, germany.Id], rollup.Accounts);
        Assert.Equal(2, rollup.ContactCount);
        Assert.Equal([Money.Of(115m, "EUR")], rollup.Revenue);
        Assert.Equal(2, rollup.PurchaseCount);
        Assert.Equal([Money.Of(15m, "EUR")], (await Session().Views.GetGroupRollupAsync(germany.Id, cancellation))!.Revenue);
    }
}
