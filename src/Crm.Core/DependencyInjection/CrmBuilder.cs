using Crm.CustomFields;
using Crm.Events;
using Crm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.DependencyInjection;

/// <summary>Configures the SDK inside <c>services.AddCrm(crm => ...)</c>. Stores and modules add their own <c>Use...</c>/<c>Add...</c> extension methods.</summary>
public sealed class CrmBuilder
{
    internal CrmBuilder(IServiceCollection services, CustomFieldSchemaRegistry schemas, DomainEventTypes eventTypes, Sessions.AggregateSetRegistry sets)
    {
        Sets = sets;
        Services = services;
        Schemas = schemas;
        EventTypes = eventTypes;
    }

    /// <summary>The service collection, for extension methods.</summary>
    public IServiceCollection Services { get; }

    internal CustomFieldSchemaRegistry Schemas { get; }

    internal DomainEventTypes EventTypes { get; }

    internal Sessions.AggregateSetRegistry Sets { get; }

    /// <summary>
    /// Adds an aggregate family's set to every session (<c>session.Set&lt;TSet&gt;()</c>): how modules
    /// such as sales and service bring their aggregates. The set derives from
    /// <see cref="Sessions.AggregateSet{TAggregate, TData, TId}"/>; register its validator as an
    /// <c>IValidator&lt;TData&gt;</c> too.
    /// </summary>
    /// <typeparam name="TSet">The set type.</typeparam>
    /// <param name="create">Creates the set for a session.</param>
    /// <returns>The builder.</returns>
    public CrmBuilder AddAggregateSet<TSet>(Func<Sessions.CrmSession, TSet> create) where TSet : class
    {
        ArgumentNullException.ThrowIfNull(create);
        Sets.Add(typeof(TSet), create);
        return this;
    }

    /// <summary>Uses a store. Store packages call this from their <c>Use...Storage()</c> method.</summary>
    /// <param name="name">The store's name, for diagnostics.</param>
    /// <param name="factory">Creates the store (a singleton).</param>
    /// <returns>The builder.</returns>
    public CrmBuilder UseStorage(string name, Func<IServiceProvider, ICrmStore> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<ICrmStore>();
        Services.AddSingleton(factory);
        Services.Configure<CrmOptions>(o => o.StorageName = name);
        return this;
    }

    /// <summary>Changes the options.</summary>
    /// <param name="configure">The change.</param>
    /// <returns>The builder.</returns>
    public CrmBuilder Configure(Action<CrmOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Declares a tenant's custom fields for an entity type (held by the default <see cref="CustomFieldSchemaRegistry"/>).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="schema">The schema.</param>
    /// <returns>The builder.</returns>
    public CrmBuilder AddCustomFields(TenantId tenant, CustomFieldSchema schema)
    {
        Schemas.SetSchema(tenant, schema);
        return this;
    }

    /// <summary>Registers a domain event type so the outbox can name and deliver it.</summary>
    /// <typeparam name="TEvent">The event type, with a <see cref="DomainEventAttribute"/>.</typeparam>
    /// <returns>The builder.</returns>
    public CrmBuilder AddDomainEvent<TEvent>() where TEvent : IDomainEvent
    {
        EventTypes.Register(typeof(TEvent));
        return this;
    }

    /// <summary>Registers a handler for an event type (scoped: one instance per delivery).</summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <returns>The builder.</returns>
    public CrmBuilder AddEventHandler<TEvent, THandler>()
        where TEvent : IDomainEvent
        where THandler : class, IDomainEventHandler<TEvent>
    {
        Services.AddScoped<IDomainEventHandler<TEvent>, THandler>();
        return this;
    }

    /// <summary>Adds a commit hook (pre- and post-operation stages; see <see cref="Hooks.ICommitHook"/>), resolved from a DI scope per commit, so it may depend on scoped services.</summary>
    /// <typeparam name="THook">The hook.</typeparam>
    /// <returns>The builder.</returns>
    public CrmBuilder AddCommitHook<THook>() where THook : class, Hooks.ICommitHook
    {
        Services.AddTransient<Hooks.ICommitHook, THook>();
        return this;
    }

    /// <summary>Runs the outbox relay as a hosted service, delivering events to their handlers after each commit.</summary>
    /// <returns>The builder.</returns>
    public CrmBuilder AddOutboxRelay()
    {
        Services.AddHostedService(sp => new OutboxRelayService(
            sp.GetRequiredService<OutboxDispatcher>(),
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<CrmOptions>>(),
            CrmServiceCollectionExtensions.LoggerOf<OutboxRelayService>(sp)));
        return this;
    }
}
