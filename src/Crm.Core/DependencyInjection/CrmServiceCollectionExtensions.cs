using Crm;
using Crm.CustomFields;
using Crm.DependencyInjection;
using Crm.Diagnostics;
using Crm.Events;
using Crm.Sessions;
using Crm.Storage;
using Crm.Validation;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The SDK's entry point: <c>services.AddCrm(crm => crm.UseInMemoryStorage())</c>.</summary>
public static class CrmServiceCollectionExtensions
{
    /// <summary>
    /// Registers the SDK: sessions (<see cref="ICrmSessionFactory"/>), validation, the clock
    /// (<see cref="SystemClock"/> unless an <see cref="IClock"/> is registered), the operation
    /// context accessor, tenant settings, custom field schemas, domain events and telemetry.
    /// Options are validated when the host starts (or on first use without a host).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses the store and configures the SDK.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddCrm(this IServiceCollection services, Action<CrmBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var schemas = new CustomFieldSchemaRegistry();
        var eventTypes = new DomainEventTypes();
        var sets = new AggregateSetRegistry();
        services.AddOptions<CrmOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CrmOptions>, CrmOptionsValidator>());
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton<IIdGenerator, ClockIdGenerator>();
        services.TryAddSingleton<AmbientOperationContextAccessor>();
        services.TryAddSingleton<IOperationContextAccessor>(sp => sp.GetRequiredService<AmbientOperationContextAccessor>());
        services.TryAddSingleton<ITenantSettingsProvider, OptionsTenantSettingsProvider>();
        services.TryAddSingleton(schemas);
        services.TryAddSingleton<ICustomFieldSchemaProvider>(sp => sp.GetRequiredService<CustomFieldSchemaRegistry>());
        services.TryAddSingleton(eventTypes);
        services.TryAddSingleton(sp => new CrmTelemetry(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FluentValidation.IValidator<Crm.Customers.ContactData>, ContactDataValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FluentValidation.IValidator<Crm.Customers.AccountData>, AccountDataValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FluentValidation.IValidator<Crm.Purchases.PurchaseData>, PurchaseDataValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FluentValidation.IValidator<Crm.Timeline.ActivityData>, ActivityDataValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<FluentValidation.IValidator<Crm.Timeline.ActivityBodyData>, ActivityBodyDataValidator>());
        services.TryAddSingleton(sp => new RecordPreparer(sp));
        services.TryAddSingleton(sp => new OutboxDispatcher(
            sp.GetRequiredService<ICrmStore>(),
            sp.GetRequiredService<IServiceScopeFactory>(),
            sp.GetRequiredService<DomainEventTypes>(),
            sp.GetRequiredService<CrmTelemetry>(),
            sp.GetRequiredService<IOptions<CrmOptions>>(),
            LoggerOf<OutboxDispatcher>(sp),
            sp.GetService<AmbientOperationContextAccessor>()));
        services.TryAddSingleton(sp => new SessionServices(
            sp.GetService<ICrmStore>() ?? throw new InvalidOperationException("Crm: no storage is configured. Call crm.UseInMemoryStorage() (or another store's Use... method) inside services.AddCrm(crm => ...)."),
            sp.GetRequiredService<IClock>(),
            sp.GetRequiredService<IIdGenerator>(),
            sp.GetRequiredService<ITenantSettingsProvider>(),
            sp.GetRequiredService<ICustomFieldSchemaProvider>(),
            sp.GetRequiredService<RecordPreparer>(),
            sp.GetRequiredService<DomainEventTypes>(),
            sp.GetRequiredService<CrmTelemetry>(),
            LoggerOf<CrmSession>(sp),
            sets,
            scope => [.. scope.GetServices<Crm.Hooks.ICommitHook>().Select((hook, index) => (hook, index)).OrderBy(h => h.hook.Order).ThenBy(h => h.index).Select(h => h.hook)],
            sp.GetRequiredService<IServiceScopeFactory>()));
        services.TryAddSingleton<ICrmSessionFactory>(sp =>
        {
            _ = sp.GetRequiredService<IOptions<CrmOptions>>().Value; // validates the options on first use when there is no host
            return new CrmSessionFactory(sp.GetRequiredService<IOperationContextAccessor>(), sp.GetRequiredService<SessionServices>());
        });
        configure(new CrmBuilder(services, schemas, eventTypes, sets));
        return services;
    }

    // Logging is the host's choice: without services.AddLogging() the SDK logs nowhere instead of failing.
    internal static ILogger<T> LoggerOf<T>(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger<T>() ?? NullLogger<T>.Instance;
}
