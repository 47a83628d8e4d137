using Crm.Customers;
using Crm.Timeline;
using Crm.Views;
using NodaTime;

namespace Crm.Core.Tests.Views;

/// <summary>The 360 view's caps: lists stop at their limits while the counts stay exact.</summary>
public sealed class CustomerViewLimitTests
{
    [Fact]
    public async Task Lists_are_capped_and_counts_stay_exact()
    {
        await using var host = new TestHost();
        var cancellation = TestContext.Current.CancellationToken;
        var session = host.Session();
        var account = session.Accounts.Create(new AccountDraft { Name = "Big" });
        for (var i = 0; i < CustomerViews.MaxContacts + 5; i++)
        {
            session.Contacts.Create(new ContactDraft { LastName = $"P{i:000}", AccountId = account.Id });
        }

        var now = Instant.FromUtc(2026, 11, 26, 12, 0);
        for (var i = 0; i < 25; i++)
        {
            session.Activities.Log(new ActivityDraft { Kind = ActivityKind.Task, Subject = $"T{i:00}", OccurredAt = now - Duration.FromMinutes(i), DueAt = now + Duration.FromDays(i), Links = [account.Data.Ref] });
        }

        Assert.True((await session.CommitAsync(cancellationToken: cancellation)).IsSuccess);

        var view = (await host.Session().Views.GetAccountViewAsync(account.Id, cancellation))!;
        Assert.Equal(CustomerViews.MaxContacts, view.Contacts.Count);
        Assert.Equal(CustomerViews.MaxContacts + 5, view.ContactCount);
        Assert.Equal("P000", view.Contacts[0].Contact.LastName);
        Assert.Equal(CustomerViews.RecentCount, view.RecentActivities.Count);
        Assert.Equal(CustomerViews.RecentCount, view.OpenTasks.Count);
        Assert.Equal("T00", view.OpenTasks[0].Subject);
        Assert.Equal((25L, 25L), (view.Totals.ActivityCount, view.Totals.OpenTaskCount));
        Assert.Empty(view.Totals.LifetimeRevenue);
        Assert.Null(view.Totals.LastPurchaseOn);
        Assert.Null(await host.Session().Views.GetAccountViewAsync(AccountId.FromGuid(Guid.CreateVersion7()), cancellation));
        Assert.Null(await host.Session().Views.GetGroupRollupAsync(AccountId.FromGuid(Guid.CreateVersion7()), cancellation));
    }
}
