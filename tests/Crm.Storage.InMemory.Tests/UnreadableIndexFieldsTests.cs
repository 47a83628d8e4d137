using Crm.Customers;
using NodaTime;
using NodaTime.Testing;

namespace Crm.Storage.InMemory.Tests;

/// <summary>A record whose index fields cannot be read is refused before the commit applies anything.</summary>
public sealed class UnreadableIndexFieldsTests
{
    [Fact]
    public async Task A_record_with_an_unreadable_index_field_refuses_the_whole_commit()
    {
        var store = new InMemoryCrmStore(new FakeClock(Instant.FromUtc(2026, 1, 1, 0, 0)));
        var context = OperationContext.ForSystem(new TenantId("t"));
        var account = new AccountData { Id = AccountId.FromGuid(Guid.CreateVersion7()), TenantId = context.Tenant, Version = 1, Name = "Fine" };
        var broken = new ContactData { Id = ContactId.FromGuid(Guid.CreateVersion7()), TenantId = context.Tenant, Version = 1, LastName = "Broken", AccountRoles = null! };
        var request = new CommitRequest([new StagedWrite(WriteKind.Insert, account.Ref, 0, account), new StagedWrite(WriteKind.Insert, broken.Ref, 0, broken)], [], null, Instant.FromUtc(2026, 1, 1, 0, 0));

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await store.CommitAsync(context, request, TestContext.Current.CancellationToken));

        Assert.Contains("cannot be indexed", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.Records<AccountData>().FindAsync(context, account.Key, TestContext.Current.CancellationToken));
        Assert.Empty(await store.ReadChangesAsync(context, 0, 10, TestContext.Current.CancellationToken));
    }
}
