namespace Crm.Storage;

/// <summary>The names of the entity types, as used in the storage contract, alternate keys, errors and the change feed.</summary>
public static class EntityTypes
{
    /// <summary>Accounts (organisations).</summary>
    public const string Account = "account";

    /// <summary>Contacts (people).</summary>
    public const string Contact = "contact";
}
