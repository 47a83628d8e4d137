using Crm.Views;

namespace Crm.Samples.Quickstart;

/// <summary>Prints a customer 360 view as a host's screen would show it.</summary>
internal static class ViewPrinter
{
    public static void Print(AccountView view)
    {
        var account = view.Account;
        Console.WriteLine($"   {account.Name} ({account.Industry}, {account.Website})");
        Console.WriteLine($"   Contacts ({view.ContactCount}):");
        foreach (var linked in view.Contacts)
        {
            var roles = linked.Roles.Count == 0 ? string.Empty : $" — {string.Join(", ", linked.Roles)}";
            Console.WriteLine($"     {linked.Contact.DisplayName}{(linked.IsPrimary ? " (primary account)" : string.Empty)}{roles}");
        }

        Console.WriteLine($"   Recent activity ({view.Totals.ActivityCount} in all):");
        foreach (var activity in view.RecentActivities)
        {
            var body = activity.BodyLength > 0 ? $" [{activity.BodyLength} chars]" : string.Empty;
            Console.WriteLine($"     {activity.OccurredAt:uuuu-MM-dd HH:mm} {activity.Kind,-7} {activity.Subject} ({activity.Status}){body}");
        }

        Console.WriteLine($"   Open tasks: {string.Join("; ", view.OpenTasks.Select(t => $"{t.Subject} due {t.DueAt:uuuu-MM-dd}"))}");
        Console.WriteLine("   Purchase history:");
        foreach (var entry in view.RecentPurchaseLines)
        {
            Console.WriteLine($"     {entry.OrderedOn:uuuu-MM-dd} {entry.OrderNumber} #{entry.Line.LineNumber} {entry.Line.ProductCode} x{entry.Line.Quantity} {entry.Line.Amount}");
        }

        var email = view.Consent.Single(c => c.Channel == Customers.ContactChannel.Email);
        Console.WriteLine($"   Email consent: {email.Granted} may be emailed, {email.Unknown} unknown, {email.DoNotContact} do-not-contact");
        Console.WriteLine($"   Lifetime revenue {string.Join(" + ", view.Totals.LifetimeRevenue)} in {view.Totals.PurchaseCount} orders, last on {view.Totals.LastPurchaseOn:uuuu-MM-dd}");
    }
}
