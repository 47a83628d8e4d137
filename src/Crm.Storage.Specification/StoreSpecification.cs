using Crm.Customers;
using Crm.CustomFields;
using Crm.Sessions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Xunit;

namespace Crm.Storage.Specification;

/// <summary>
/// The storage specification kit. A store's test project derives one class and implements
/// <see cref="CreateStoreAsync"/>; it then inherits every test of the contract: CRUD and alternate
/// keys, every filter operator and the ordering rules, paging edges, versions and concurrent
/// writers, atomic multi-aggregate commits, idempotency, the change feed, the outbox, snapshot
/// isolation and tenant isolation. Each test gets a new, empty store.
/// </summary>
public abstract partial class StoreSpecification : IAsyncLifetime
{
    /// <summary>The first tenant of the tests.</summary>
    protected static readonly TenantId TenantA = new("tenant-a");

    /// <summary>The second tenant, whose records tenant A must never reach.</summary>
    protected static readonly TenantId TenantB = new("tenant-b");

    private ServiceProvider? _services;
    private ICrmStore? _store;

    /// <summary>The fake clock every test runs on (starts 2026-03-29 00:30 UTC, half an hour before the EU's DST change).</summary>
    protected FakeClock Clock { get; } = new(Instant.FromUtc(2026, 3, 29, 0, 30, 0));

    /// <summary>The store under test.</summary>
    protected ICrmStore Store => _store ?? throw new InvalidOperationException("The store is created in InitializeAsync.");

    /// <summary>The SDK's services over the store under test.</summary>
    protected IServiceProvider Services => _services ?? throw new InvalidOperationException("The services are created in InitializeAsync.");

    /// <summary>What the kit's commit hooks saw, in order (see <see cref="Commit_hooks_run_in_order_and_a_refusal_writes_nothing"/>).</summary>
    protected KitHookJournal HookJournal { get; } = new();

    /// <summary>How many writers the concurrency test holds at its barrier.</summary>
    protected virtual int ConcurrentWriters => 8;

    /// <summary>Creates a new, empty store for one test.</summary>
    /// <param name="clock">The clock the store must use for leases and times.</param>
    /// <returns>The store.</returns>
    protected abstract ValueTask<ICrmStore> CreateStoreAsync(IClock clock);

    /// <summary>Releases the store after a test (e.g. drops its database). Does nothing by default.</summary>
    /// <param name="store">The store.</param>
    /// <returns>A task.</returns>
    protected virtual ValueTask DisposeStoreAsync(ICrmStore store) => store is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public async ValueTask InitializeAsync()
    {
        _store = await CreateStoreAsync(Clock);
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        services.AddSingleton(HookJournal);
        services.AddCrm(crm => crm
            .UseStorage("under test", _ => _store)
            .AddCommitHook<KitLateHook>()
            .AddCommitHook<KitEarlyHook>()
            .AddCustomFields(TenantA, ContactSchema)
            .AddCustomFields(TenantB, ContactSchema)
            .Configure(o => o.DefaultTenantSettings = new TenantSettings { DefaultPhoneRegion = "DE", DefaultCurrency = Currency.FromCode("EUR") }));
        _services = services.BuildServiceProvider();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_services is not null)
        {
            await _services.DisposeAsync();
        }

        if (_store is not null)
        {
            await DisposeStoreAsync(_store);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The custom fields of contacts in both test tenants.</summary>
    protected static CustomFieldSchema ContactSchema { get; } = new(Storage.EntityTypes.Contact,
    [
        new CustomFieldDefinition { Name = "tier", Type = CustomFieldType.Choice, Choices = ["gold", "silver", "bronze"] },
        new CustomFieldDefinition { Name = "score", Type = CustomFieldType.Number },
        new CustomFieldDefinition { Name = "since", Type = CustomFieldType.Date },
        new CustomFieldDefinition { Name = "lastSeen", Type = CustomFieldType.Instant },
        new CustomFieldDefinition { Name = "vip", Type = CustomFieldType.Boolean },
        new CustomFieldDefinition { Name = "note", Type = CustomFieldType.Text, MaxLength = 5000 },
    ]);

    /// <summary>Opens a session as a user of a tenant.</summary>
    /// <param name="tenant">The tenant (A by default).</param>
    /// <returns>The session.</returns>
    protected CrmSession Session(TenantId? tenant = null) =>
        Services.GetRequiredService<ICrmSessionFactory>().OpenSession(OperationContext.ForUser(tenant ?? TenantA, new UserId("kit-user")));

    /// <summary>The operation context of a tenant, for calls straight to the store.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The context.</returns>
    protected static OperationContext ContextOf(TenantId tenant) => OperationContext.ForUser(tenant, new UserId("kit-user"));

    /// <summary>Creates and commits one contact, asserting success.</summary>
    /// <param name="draft">The contact.</param>
    /// <param name="tenant">The tenant (A by default).</param>
    /// <returns>The committed contact's data.</returns>
    protected async Task<ContactData> InsertAsync(ContactDraft draft, TenantId? tenant = null)
    {
        var session = Session(tenant);
        var contact = session.Contacts.Create(draft);
        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));
        return contact.Data;
    }

    /// <summary>Creates and commits one account, asserting success.</summary>
    /// <param name="name">The name.</param>
    /// <param name="tenant">The tenant (A by default).</param>
    /// <returns>The committed account's data.</returns>
    protected async Task<AccountData> InsertAccountAsync(string name, TenantId? tenant = null)
    {
        var session = Session(tenant);
        var account = session.Accounts.Create(new AccountDraft { Name = name });
        AssertCommitted(await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken));
        return account.Data;
    }

    /// <summary>Loads a contact in a new session.</summary>
    /// <param name="id">The id.</param>
    /// <param name="tenant">The tenant (A by default).</param>
    /// <returns>The contact's data or null.</returns>
    protected async Task<ContactData?> LoadAsync(ContactId id, TenantId? tenant = null) =>
        (await Session(tenant).Contacts.FindAsync(id, TestContext.Current.CancellationToken))?.Data;

    /// <summary>Loads a contact in a new session, changes it and commits.</summary>
    /// <param name="id">The contact.</param>
    /// <param name="change">The change, through the aggregate's methods.</param>
    /// <param name="tenant">The tenant (A by default).</param>
    /// <returns>The commit's result.</returns>
    protected async Task<CrmResult<CommitSummary>> ChangeAsync(ContactId id, Action<Contact> change, TenantId? tenant = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        var session = Session(tenant);
        change((await session.Contacts.FindAsync(id, TestContext.Current.CancellationToken))!);
        return await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Loads a contact in a new session, removes it and commits.</summary>
    /// <param name="id">The contact.</param>
    /// <param name="tenant">The tenant (A by default).</param>
    /// <returns>The commit's result.</returns>
    protected async Task<CrmResult<CommitSummary>> DeleteAsync(ContactId id, TenantId? tenant = null)
    {
        var session = Session(tenant);
        session.Contacts.Remove((await session.Contacts.FindAsync(id, TestContext.Current.CancellationToken))!);
        return await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
    }

    /// <summary>Asserts a commit succeeded, showing its errors when not.</summary>
    /// <param name="result">The result.</param>
    /// <returns>The summary.</returns>
    protected static CommitSummary AssertCommitted(CrmResult<CommitSummary> result)
    {
        Assert.True(result.IsSuccess, "The commit failed: " + string.Join("; ", result.Errors));
        return result.Value!;
    }

    /// <summary>A contact draft with a last name.</summary>
    /// <param name="lastName">The last name.</param>
    /// <returns>The draft.</returns>
    protected static ContactDraft Person(string lastName) => new() { FirstName = "Kit", LastName = lastName };
}
