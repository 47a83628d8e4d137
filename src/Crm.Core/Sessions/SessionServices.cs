using Crm.CustomFields;
using Crm.Diagnostics;
using Crm.Events;
using Crm.Storage;
using Crm.Validation;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Crm.Sessions;

/// <summary>The services a session uses, resolved once by the factory.</summary>
internal sealed record SessionServices(
    ICrmStore Store,
    IClock Clock,
    IIdGenerator Ids,
    ITenantSettingsProvider TenantSettings,
    ICustomFieldSchemaProvider Schemas,
    RecordPreparer Preparer,
    DomainEventTypes EventTypes,
    CrmTelemetry Telemetry,
    ILogger Logger,
    AggregateSetRegistry Sets,
    Func<IServiceProvider, IReadOnlyList<Hooks.ICommitHook>> Hooks,
    Microsoft.Extensions.DependencyInjection.IServiceScopeFactory Scopes);
