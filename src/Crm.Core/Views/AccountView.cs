using Crm.Customers;
using Crm.Timeline;
using NodaTime;

namespace Crm.Views;

/// <summary>
/// The 360 view of an account: an immutable snapshot of who the customer is, who we know there,
/// what happened recently, what they bought, what is still to do, whom we may contact, and the
/// totals. Part of the JSON contract (<see cref="Json.CrmJson"/>).
/// </summary>
public sealed record AccountView
{
    /// <summary>The account.</summary>
    public required AccountData Account { get; init; }

    /// <summary>Its contacts (primary or with roles), up to <see cref="CustomerViews.MaxContacts"/>, by last and first name.</summary>
    public required IReadOnlyList<LinkedContact> Contacts { get; init; }

    /// <summary>How many contacts are linked in all.</summary>
    public required long ContactCount { get; init; }

    /// <summary>The newest activities on its timeline (up to <see cref="CustomerViews.RecentCount"/>).</summary>
    public required IReadOnlyList<ActivityData> RecentActivities { get; init; }

    /// <summary>The newest purchase lines (up to <see cref="CustomerViews.RecentCount"/>).</summary>
    public required IReadOnlyList<PurchaseLineEntry> RecentPurchaseLines { get; init; }

    /// <summary>Its open tasks, by due time (up to <see cref="CustomerViews.RecentCount"/>).</summary>
    public required IReadOnlyList<ActivityData> OpenTasks { get; init; }

    /// <summary>Per channel, how many of the listed contacts may be reached.</summary>
    public required IReadOnlyList<ChannelConsentSummary> Consent { get; init; }

    /// <summary>The totals.</summary>
    public required CustomerTotals Totals { get; init; }

    /// <summary>When the view was read.</summary>
    public required Instant AsOf { get; init; }
}
