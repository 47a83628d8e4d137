namespace Crm.Customers;

/// <summary>A channel through which a person or organisation can be contacted.</summary>
public enum ContactChannel
{
    /// <summary>Email.</summary>
    Email,

    /// <summary>Phone calls.</summary>
    Phone,

    /// <summary>Text messages.</summary>
    Sms,

    /// <summary>Letters.</summary>
    Post,

    /// <summary>Visits in person.</summary>
    Visit,
}
