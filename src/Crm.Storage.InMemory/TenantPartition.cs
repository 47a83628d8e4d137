namespace Crm.Storage.InMemory;

/// <summary>Everything one tenant has in the store. One lock per tenant: commits of a tenant are serialised, tenants do not wait for each other.</summary>
internal sealed class TenantPartition
{
    public Lock Gate { get; } = new();

    public FamilyTable Accounts { get; } = new();

    public FamilyTable Contacts { get; } = new();

    public List<ChangeFeedEntry> Changes { get; } = [];

    public Dictionary<string, CommitResult> CommittedKeys { get; } = new(StringComparer.Ordinal);

    public FamilyTable Table(string entityType) => entityType switch
    {
        EntityTypes.Contact => Contacts,
        EntityTypes.Account => Accounts,
        _ => throw new NotSupportedException($"The in-memory store does not keep '{entityType}' records."),
    };
}
