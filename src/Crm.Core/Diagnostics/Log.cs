using Microsoft.Extensions.Logging;

namespace Crm.Diagnostics;

/// <summary>The SDK's log messages with stable event ids (documented in docs/architecture.md).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Debug, Message = "Committed {Count} record(s) for tenant {Tenant} at position {Position}")]
    public static partial void Committed(ILogger logger, int count, TenantId tenant, long position);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Commit for tenant {Tenant} rejected by validation with {ErrorCount} error(s)")]
    public static partial void CommitInvalid(ILogger logger, TenantId tenant, int errorCount);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Commit for tenant {Tenant} failed in the store: {Errors}")]
    public static partial void CommitFailed(ILogger logger, TenantId tenant, string errors);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Commit for tenant {Tenant} with idempotency key {Key} was already applied; returning its result")]
    public static partial void CommitReplayed(ILogger logger, TenantId tenant, string key);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Delivered event {EventType} {EventId}")]
    public static partial void EventDelivered(ILogger logger, string eventType, Guid eventId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Error, Message = "Handler failed for event {EventType} {EventId} (attempt {Attempt}); it will be retried")]
    public static partial void EventFailed(ILogger logger, Exception exception, string eventType, Guid eventId, int attempt);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Event {EventId} has the unknown type {EventType}; register it with crm.AddDomainEvent<T>()")]
    public static partial void EventTypeUnknown(ILogger logger, string eventType, Guid eventId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Critical, Message = "Event {EventType} {EventId} was dead-lettered after {Attempts} failed deliveries: {Reason}")]
    public static partial void EventDeadLettered(ILogger logger, string eventType, Guid eventId, int attempts, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information, Message = "Outbox relay started")]
    public static partial void RelayStarted(ILogger logger);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Error, Message = "Outbox relay pass failed; retrying after the poll interval")]
    public static partial void RelayPassFailed(ILogger logger, Exception exception);
}
