namespace Crm.Storage;

/// <summary>The names of the entity types, as used in the storage contract, alternate keys, errors and the change feed.</summary>
public static class EntityTypes
{
    /// <summary>Accounts (organisations).</summary>
    public const string Account = "account";

    /// <summary>Contacts (people).</summary>
    public const string Contact = "contact";

    /// <summary>Purchases reported by an ERP (purchase history).</summary>
    public const string Purchase = "purchase";

    /// <summary>Timeline activities (calls, emails, meetings, notes, tasks, ...).</summary>
    public const string Activity = "activity";

    /// <summary>The large bodies of activities, stored apart from the timeline's list data.</summary>
    public const string ActivityBody = "activityBody";
}
