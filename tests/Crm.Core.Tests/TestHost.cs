using Crm.CustomFields;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;

namespace Crm.Core.Tests;

/// <summary>The SDK over the in-memory store with a fake clock and a contact schema, for unit tests.</summary>
internal sealed class TestHost : IAsyncDisposable
{
    public static readonly TenantId Tenant = new("acme");

    public TestHost(Action<IServiceCollection>? configure = null, Action<Crm.DependencyInjection.CrmBuilder>? configureCrm = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IClock>(Clock);
        services.AddCrm(crm => crm
            .UseInMemoryStorage()
            .AddCustomFields(Tenant, Schema)
            .Configure(o => o.DefaultTenantSettings = new TenantSettings { DefaultPhoneRegion = "DE", DefaultCurrency = Currency.FromCode("EUR") })
            .Apply(configureCrm));
        configure?.Invoke(services);
        Services = services.BuildServiceProvider();
    }

    public static CustomFieldSchema Schema { get; } = new(EntityTypes.Contact,
    [
        new CustomFieldDefinition { Name = "tier", Type = CustomFieldType.Choice, Choices = ["gold", "silver"] },
        new CustomFieldDefinition { Name = "score", Type = CustomFieldType.Number, Minimum = 0, Maximum = 100 },
        new CustomFieldDefinition { Name = "since", Type = CustomFieldType.Date },
        new CustomFieldDefinition { Name = "note", Type = CustomFieldType.Text, MaxLength = 20 },
    ]);

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 26, 9, 0));

    public ServiceProvider Services { get; }

    public ICrmStore Store => Services.GetRequiredService<ICrmStore>();

    public CrmSession Session() => Services.GetRequiredService<ICrmSessionFactory>().OpenSession(OperationContext.ForUser(Tenant, new UserId("tester")));

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}

internal static class CrmBuilderTestExtensions
{
    public static Crm.DependencyInjection.CrmBuilder Apply(this Crm.DependencyInjection.CrmBuilder builder, Action<Crm.DependencyInjection.CrmBuilder>? configure)
    {
        configure?.Invoke(builder);
        return builder;
    }
}
