using System.Collections.Concurrent;
using System.Text.Json;
using Crm.DependencyInjection;
using Crm.Diagnostics;
using Crm.Json;
using Crm.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Crm.Events;

/// <summary>
/// Delivers committed domain events from the outbox to the handlers registered in DI: claims a
/// batch, delivers each event in a DI scope, completes it, or releases it for a retry when a
/// handler throws. Events of one aggregate are delivered in order; when one fails, the
/// aggregate's later events in the batch wait for it. The hosted relay calls
/// <see cref="DispatchPendingAsync"/> in a loop; tests and jobs may call it directly.
/// </summary>
public sealed class OutboxDispatcher
{
    private readonly ConcurrentDictionary<Type, Func<IServiceProvider, IDomainEvent, DomainEventContext, CancellationToken, Task>> _invokers = new();
    private readonly ICrmStore _store;
    private readonly IServiceScopeFactory _scopes;
    private readonly DomainEventTypes _types;
    private readonly CrmTelemetry _telemetry;
    private readonly IOptions<CrmOptions> _options;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly AmbientOperationContextAccessor? _ambient;

    /// <summary>Creates the dispatcher (resolved from DI).</summary>
    /// <param name="store">The store whose outbox is read.</param>
    /// <param name="scopes">Creates a scope per delivery.</param>
    /// <param name="types">The event name registry.</param>
    /// <param name="telemetry">Metrics.</param>
    /// <param name="options">Batch size, lease and retry delay.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="ambient">The ambient context accessor, set to the event's tenant (as the system) while handlers run.</param>
    public OutboxDispatcher(ICrmStore store, IServiceScopeFactory scopes, DomainEventTypes types, CrmTelemetry telemetry, IOptions<CrmOptions> options, ILogger<OutboxDispatcher> logger, AmbientOperationContextAccessor? ambient = null)
    {
        _ambient = ambient;
        _store = store;
        _scopes = scopes;
        _types = types;
        _telemetry = telemetry;
        _options = options;
        _logger = logger;
    }

    /// <summary>Claims and delivers one batch.</summary>
    /// <param name="cancellationToken">Stops delivery; unfinished events are retried after their lease.</param>
    /// <returns>How many events were delivered.</returns>
    public async Task<int> DispatchPendingAsync(CancellationToken cancellationToken = default)
    {
        var options = _options.Value;
        var batch = await _store.Outbox.ClaimAsync(options.OutboxBatchSize, options.OutboxLease, cancellationToken).ConfigureAwait(false);
        var delivered = new List<Guid>(batch.Count);
        var blocked = new HashSet<RecordRef>();
        foreach (var entry in batch)
        {
            var message = entry.Message;
            var tried = !blocked.Contains(message.Subject);
            var failure = tried ? await DeliverAsync(entry, cancellationToken).ConfigureAwait(false) : "an earlier event of the same record failed";
            if (failure is not null)
            {
                blocked.Add(message.Subject);
                var attempts = entry.Attempts + 1;
                if (tried && attempts >= options.OutboxMaxAttempts)
                {
                    Log.EventDeadLettered(_logger, message.EventType, message.EventId, attempts, failure);
                    await _store.Outbox.DeadLetterAsync(message.EventId, failure, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await _store.Outbox.ReleaseAsync(message.EventId, Backoff(options.OutboxRetryDelay, attempts), CancellationToken.None).ConfigureAwait(false);
                }

                continue;
            }

            delivered.Add(message.EventId);
        }

        if (delivered.Count > 0)
        {
            await _store.Outbox.CompleteAsync(delivered, CancellationToken.None).ConfigureAwait(false);
        }

        return delivered.Count;
    }

    private static Duration Backoff(Duration first, int attempts) =>
        Duration.Min(Duration.FromHours(1), first * Math.Pow(2, Math.Min(attempts - 1, 20)));

    /// <summary>Delivers one event; returns null on success, else why it failed.</summary>
    private async Task<string?> DeliverAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var message = entry.Message;
        if (!_types.TryGetType(message.EventType, out var type))
        {
            Log.EventTypeUnknown(_logger, message.EventType, message.EventId);
            _telemetry.EventsFailed.Add(1);
            return $"unknown event type '{message.EventType}'";
        }

        using var activity = _telemetry.ActivitySource.StartActivity("crm.outbox.deliver");
        activity?.SetTag("crm.event_type", message.EventType);
        try
        {
            var domainEvent = (IDomainEvent)JsonSerializer.Deserialize(message.Payload, type, CrmJson.Options)!;
            var context = new DomainEventContext(message.EventId, message.EventType, message.Tenant, message.OccurredAt, entry.Attempts + 1);
            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                using (_ambient?.Use(context.OperationContext))
                {
                    await _invokers.GetOrAdd(type, CreateInvoker)(scope.ServiceProvider, domainEvent, context, cancellationToken).ConfigureAwait(false);
                }
            }

            _telemetry.EventsDelivered.Add(1);
            Log.EventDelivered(_logger, message.EventType, message.EventId);
            return null;
        }
#pragma warning disable CA1031 // A handler's failure must not stop the relay; it is logged and retried.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            _telemetry.EventsFailed.Add(1);
            Log.EventFailed(_logger, e, message.EventType, message.EventId, entry.Attempts + 1);
            return $"{e.GetType().Name}: {e.Message}";
        }
    }

    private static Func<IServiceProvider, IDomainEvent, DomainEventContext, CancellationToken, Task> CreateInvoker(Type eventType) =>
        typeof(OutboxDispatcher)
            .GetMethod(nameof(InvokeHandlersAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(eventType)
            .CreateDelegate<Func<IServiceProvider, IDomainEvent, DomainEventContext, CancellationToken, Task>>();

    private static async Task InvokeHandlersAsync<TEvent>(IServiceProvider services, IDomainEvent domainEvent, DomainEventContext context, CancellationToken cancellationToken)
        where TEvent : IDomainEvent
    {
        foreach (var handler in services.GetServices<IDomainEventHandler<TEvent>>())
        {
            await handler.HandleAsync((TEvent)domainEvent, context, cancellationToken).ConfigureAwait(false);
        }
    }
}
