namespace Crm.Customers;

/// <summary>Well-known role codes of a contact at an account (<see cref="AccountRole.Roles"/>). Any code of up to 64 characters is accepted.</summary>
public static class ContactRoles
{
    /// <summary>Decides on purchases.</summary>
    public const string DecisionMaker = "decisionMaker";

    /// <summary>Receives and pays invoices.</summary>
    public const string Billing = "billing";

    /// <summary>The technical contact.</summary>
    public const string Technical = "technical";

    /// <summary>Influences decisions without making them.</summary>
    public const string Influencer = "influencer";

    /// <summary>Buys (purchasing department).</summary>
    public const string Purchasing = "purchasing";

    /// <summary>Uses the product or service.</summary>
    public const string User = "user";
}
