using Crm.Customers;
using Crm.Sessions;
using Crm.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Storage.EntityFrameworkCore.Tests;

/// <summary>
/// A test over contacts written once into one store (in memory, a SQLite file or a PostgreSQL schema
/// that is dropped afterwards), with the SDK's services over it.
/// </summary>
public abstract class ContactStoreTest : IAsyncLifetime
{
    private ServiceProvider? _services;
    private TestStore? _store;

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
        _store = await TestStore.CreateAsync(Kind, Clock);
        var store = _store.Store;
        var services = new ServiceCollection();
        services.AddSingleton(Clock);
        services.AddCrm(crm => crm.UseStorage("under test", _ => store));
        _services = services.BuildServiceProvider();

        Contacts.AddRange(Seed());
        await _store.WriteAsync(Contacts);
    }

    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }
}
