using Crm.Customers;
using Crm.Sessions;
using Crm.Sessions.Bulk;
using NodaTime;

namespace Crm.Benchmarks;

/// <summary>The contacts every bulk upsert benchmark writes: one email, one phone and an ERP key each.</summary>
internal static class BulkContacts
{
    public static readonly TenantId Tenant = new("bench");

    /// <summary>The rows the SDK is given: drafts as an import would have them (mixed case, national phone numbers).</summary>
    public static ContactUpsert[] Drafts(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new ContactUpsert(new ContactDraft
        {
            FirstName = "Anna",
            LastName = $"Schmidt {i}",
            ContactPoints = [ContactPoint.Email($"Anna.Schmidt{i}@Example.com"), ContactPoint.Phone($"030 {1_000_000 + i}")],
            AlternateKeys = [new AlternateKey("erp", $"K-{i}")],
        }))];

    /// <summary>The records a hand-written baseline stores: already normalised, as the SDK would store them.</summary>
    public static ContactData Record(int i, Instant now) => new()
    {
        Id = ContactId.FromGuid(Guid.CreateVersion7()),
        TenantId = Tenant,
        Version = 1,
        CreatedAt = now,
        UpdatedAt = now,
        FirstName = "Anna",
        LastName = $"Schmidt {i}",
        ContactPoints = [ContactPoint.Email($"anna.schmidt{i}@example.com", primary: true), ContactPoint.Phone($"+4930{1_000_000 + i}", primary: true)],
        AlternateKeys = [new AlternateKey("erp", $"K-{i}")],
    };

    /// <summary>Runs the SDK's bulk upsert by ERP key and checks that every row was created.</summary>
    public static async Task UpsertAsync(IServiceProvider services, ContactUpsert[] rows)
    {
        var session = ((ICrmSessionFactory)services.GetService(typeof(ICrmSessionFactory))!).OpenSession(OperationContext.ForSystem(Tenant));
        var result = await session.Contacts.UpsertManyAsync(rows, "erp");
        if (result.Created != rows.Length)
        {
            throw new InvalidOperationException($"Expected {rows.Length} created rows, got {result.Created}: " + string.Join("; ", result.Rows.Where(r => !r.IsWritten).Take(3).SelectMany(r => r.Errors)));
        }
    }
}
