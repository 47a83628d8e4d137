namespace Crm.Customers;

/// <summary>Where a contact or account stands in the customer lifecycle.</summary>
public enum LifecycleStage
{
    /// <summary>Known, nothing more (e.g. a newsletter subscriber).</summary>
    Subscriber,

    /// <summary>A lead: interest shown, not qualified.</summary>
    Lead,

    /// <summary>Qualified by marketing.</summary>
    MarketingQualified,

    /// <summary>Qualified by sales.</summary>
    SalesQualified,

    /// <summary>In an open opportunity.</summary>
    Opportunity,

    /// <summary>A paying customer.</summary>
    Customer,

    /// <summary>A customer who recommends us.</summary>
    Evangelist,

    /// <summary>A former customer.</summary>
    Former,

    /// <summary>None of the above (partner, supplier, competitor, ...).</summary>
    Other,
}
