namespace Crm.Customers;

/// <summary>What an address is used for.</summary>
public enum AddressKind
{
    /// <summary>The main postal address.</summary>
    Main,

    /// <summary>Where invoices go.</summary>
    Billing,

    /// <summary>Where goods go.</summary>
    Shipping,

    /// <summary>Anything else.</summary>
    Other,
}
