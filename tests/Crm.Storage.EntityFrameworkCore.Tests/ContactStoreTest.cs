using Crm.Customers;
using Crm.Sessions;
using Crm.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>The stores rule tests run against.</summary>
public enum StoreKind
{
    InMemory,
    Sqlite,
    Postgres,
}

/// <summary>
/// A test over contacts written once into one store (in memory, a SQLite file or a PostgreSQL schema
/// that is dropped afterwards), with the SDK's services over it.
/// </summary>
public abstract class ContactStoreTest : IAsyncLifetime
{
    private ServiceProvider? _services;
    private string? _schema;

    protected abstract StoreKind Kind { get; }

    protected abstract TenantId Tenant { get; }

    protected abstract IClock Clock { get; }

    /// <summary>The contacts written at set-up.</summary>
    protected List<ContactData> Contacts { get; } = [];

    /// <summary>The contacts to write, made once per test.</summary>
    protected abstract IEnumerable<ContactData> Seed();

    protected CrmSession OpenSession() => _services!.GetRequiredService<ICrmSessionFactory>().OpenSession(OperationContext.ForSystem(Tenant));

    public async ValueTask InitializeAsync()
    {
        ICrmStore store;
        switch (Kind)
        {
            case StoreKind.InMemory:
                store = new InMemoryCrmStore(Clock);
                break;
            case StoreKind.Sqlite:
                store = await TestDatabases.NewSqliteStoreAsync(Clock);
                break;
            default:
                (var relational, _schema) = await TestDatabases.NewPostgresStoreAsync(Clock);
                store = relational;
                break;
        }

        var services = new ServiceCollection();
        services.AddSingleton(Clock);
        services.AddCrm(crm => crm.UseStorage("under test", _ => store));
        _services = services.BuildServiceProvider();

        Contacts.AddRange(Seed());
        var writes = Contacts.Select(c => new StagedWrite(WriteKind.Insert, c.Ref, 0, c)).ToList();
        var result = await store.CommitAsync(OperationContext.ForSystem(Tenant), new CommitRequest(writes, [], null, Clock.GetCurrentInstant()), TestContext.Current.CancellationToken);
        Assert.True(result.Committed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_schema is not null)
        {
            await TestDatabases.DropSchemaAsync(TestDatabases.RequirePostgres(), _schema);
        }

        GC.SuppressFinalize(this);
    }
}
