using Crm.Customers;
using Crm.CustomFields;
using Crm.Storage.Querying;
using Xunit;

namespace Crm.Storage.Specification;

public abstract partial class StoreSpecification
{
    /// <summary>Loading another tenant's record by its id finds nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Find_by_id_never_returns_another_tenants_record()
    {
        var b = await InsertAsync(Person("B"), TenantB);

        Assert.Null(await Store.Records<ContactData>().FindAsync(ContextOf(TenantA), b.Key, TestContext.Current.CancellationToken));
        Assert.Null(await LoadAsync(b.Id, TenantA));
    }

    /// <summary>Queries, counts and scans never see another tenant's records, whatever the filter (even its ids).</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Query_count_and_scan_never_see_another_tenants_records()
    {
        var a = await InsertAsync(Person("Same") with { Tags = ["t"], CustomFields = new Dictionary<string, ScalarValue> { ["tier"] = "gold" } }, TenantA);
        var b = await InsertAsync(Person("Same") with { Tags = ["t"], CustomFields = new Dictionary<string, ScalarValue> { ["tier"] = "gold" } }, TenantB);
        var filters = new (Filter? Filter, long Expected)[]
        {
            (null, 1),
            (Filter.Equal("lastName", "Same"), 1),
            (Filter.Equal("id", b.Key.ToString()), 0),
            (Filter.In("id", a.Key.ToString(), b.Key.ToString()), 1),
            (Filter.Equal("tags", "t"), 1),
            (Filter.Equal("customFields.tier", "gold"), 1),
            (Filter.Or(Filter.IsNull("jobTitle"), Filter.IsNotNull("jobTitle")), 1),
        };

        foreach (var (filter, expected) in filters)
        {
            var page = (await Session(TenantA).Contacts.QueryAsync(new RecordQuery { Filter = filter }, TestContext.Current.CancellationToken)).Value!;
            Assert.All(page.Items, c => Assert.Equal(TenantA, c.Data.TenantId));
            Assert.DoesNotContain(page.Items, c => c.Id == b.Id);
            var direct = await QueryExecutorFor(filter, TenantA);
            Assert.DoesNotContain(direct, c => c.Key == b.Key);
            Assert.Equal(expected, page.Items.Count);
            Assert.Equal(expected, (await Session(TenantA).Contacts.CountAsync(filter, TestContext.Current.CancellationToken)).Value);
        }

        var scanned = await Store.Records<ContactData>().ScanAsync(ContextOf(TenantA), null, 100, TestContext.Current.CancellationToken);
        Assert.Equal([a.Key], scanned.Select(s => s.Key));
    }

    /// <summary>Updating or deleting another tenant's record (even with its id and version) is "not found" and changes nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Update_or_delete_of_another_tenants_record_is_not_found()
    {
        var b = await InsertAsync(Person("Protected"), TenantB);
        var hijacked = b with { TenantId = TenantA, LastName = "Hijacked", Version = 2 };

        var update = await Store.CommitAsync(ContextOf(TenantA), new CommitRequest([new StagedWrite(WriteKind.Update, b.Ref, 1, hijacked)], [], null, Clock.GetCurrentInstant()), TestContext.Current.CancellationToken);
        var delete = await Store.CommitAsync(ContextOf(TenantA), new CommitRequest([new StagedWrite(WriteKind.Delete, b.Ref, 1, null)], [], null, Clock.GetCurrentInstant()), TestContext.Current.CancellationToken);

        Assert.Equal(WriteStatus.NotFound, Assert.Single(update.Outcomes).Status);
        Assert.Equal(WriteStatus.NotFound, Assert.Single(delete.Outcomes).Status);
        var stored = (await LoadAsync(b.Id, TenantB))!;
        Assert.Equal("Protected", stored.LastName);
        Assert.Equal(1, stored.Version);
        Assert.Empty(await Session(TenantA).ReadChangesAsync(0, 10, TestContext.Current.CancellationToken));
    }

    /// <summary>A commit whose data names another tenant than the context is refused outright.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Commit_of_data_of_another_tenant_is_refused()
    {
        var data = Contact.Create(ContactId.FromGuid(Guid.CreateVersion7()), TenantB, Person("Smuggled"), Clock.GetCurrentInstant()).Data with { Version = 1 };
        var request = new CommitRequest([new StagedWrite(WriteKind.Insert, data.Ref, 0, data)], [], null, Clock.GetCurrentInstant());

        var refused = false;
        try
        {
            var result = await Store.CommitAsync(ContextOf(TenantA), request, TestContext.Current.CancellationToken);
            refused = !result.Committed;
        }
        catch (ArgumentException)
        {
            refused = true;
        }

        Assert.True(refused, "A store must not write tenant B's record in tenant A's commit.");
        Assert.Null(await LoadAsync(data.Id, TenantB));
        Assert.Null(await LoadAsync(data.Id, TenantA));
    }

    private async Task<IReadOnlyList<ContactData>> QueryExecutorFor(Filter? filter, TenantId tenant)
    {
        var reader = Store.Records<ContactData>();
        return reader is IRecordQueryable<ContactData> queryable
            ? await queryable.QueryAsync(ContextOf(tenant), new StoreQuery(filter, [], null, 100), TestContext.Current.CancellationToken)
            : await reader.ScanAsync(ContextOf(tenant), null, 100, TestContext.Current.CancellationToken);
    }
}
