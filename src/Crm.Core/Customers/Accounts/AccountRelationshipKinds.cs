namespace Crm.Customers;

/// <summary>Well-known kinds of <see cref="AccountRelationship"/>. Any code of up to 64 characters is accepted.</summary>
public static class AccountRelationshipKinds
{
    /// <summary>The other account is a partner.</summary>
    public const string Partner = "partner";

    /// <summary>The other account is a competitor.</summary>
    public const string Competitor = "competitor";

    /// <summary>The other account supplies this one.</summary>
    public const string Supplier = "supplier";

    /// <summary>The other account buys from this one.</summary>
    public const string Customer = "customer";

    /// <summary>The other account resells this one's products.</summary>
    public const string Reseller = "reseller";
}
