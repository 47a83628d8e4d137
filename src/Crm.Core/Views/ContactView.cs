using Crm.Customers;
using Crm.Timeline;
using NodaTime;

namespace Crm.Views;

/// <summary>
/// The 360 view of a contact: the person, their accounts with roles, recent activity, what they
/// bought, open tasks, consent and totals. An immutable snapshot, part of the JSON contract.
/// </summary>
public sealed record ContactView
{
    /// <summary>The contact.</summary>
    public required ContactData Contact { get; init; }

    /// <summary>The accounts the contact is linked to, primary first.</summary>
    public required IReadOnlyList<LinkedAccount> Accounts { get; init; }

    /// <summary>The newest activities on the contact's timeline.</summary>
    public required IReadOnlyList<ActivityData> RecentActivities { get; init; }

    /// <summary>The newest lines of the contact's own purchases.</summary>
    public required IReadOnlyList<PurchaseLineEntry> RecentPurchaseLines { get; init; }

    /// <summary>The contact's open tasks, by due time.</summary>
    public required IReadOnlyList<ActivityData> OpenTasks { get; init; }

    /// <summary>Per channel, whether the contact may be reached (counts 0 or 1).</summary>
    public required IReadOnlyList<ChannelConsentSummary> Consent { get; init; }

    /// <summary>The totals of the contact's own purchases and timeline.</summary>
    public required CustomerTotals Totals { get; init; }

    /// <summary>When the view was read.</summary>
    public required Instant AsOf { get; init; }
}
