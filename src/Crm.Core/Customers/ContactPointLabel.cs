namespace Crm.Customers;

/// <summary>What a contact point is used for.</summary>
public enum ContactPointLabel
{
    /// <summary>Work.</summary>
    Work,

    /// <summary>Home or private.</summary>
    Home,

    /// <summary>A mobile phone.</summary>
    Mobile,

    /// <summary>A fax line.</summary>
    Fax,

    /// <summary>Anything else.</summary>
    Other,
}
