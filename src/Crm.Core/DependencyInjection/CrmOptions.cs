using NodaTime;

namespace Crm.DependencyInjection;

/// <summary>The SDK's options, validated at start-up (<see cref="CrmOptionsValidator"/>).</summary>
public sealed class CrmOptions
{
    /// <summary>The settings of tenants not listed in <see cref="Tenants"/>.</summary>
    public TenantSettings DefaultTenantSettings { get; set; } = new();

    /// <summary>Settings per tenant key.</summary>
    public IDictionary<string, TenantSettings> Tenants { get; } = new Dictionary<string, TenantSettings>(StringComparer.Ordinal);

    /// <summary>The name of the configured store; set by <c>UseInMemoryStorage()</c> and the other stores.</summary>
    public string? StorageName { get; set; }

    /// <summary>How many outbox messages the relay claims at once (1–10,000).</summary>
    public int OutboxBatchSize { get; set; } = 100;

    /// <summary>How long the relay waits when the outbox is empty.</summary>
    public Duration OutboxPollInterval { get; set; } = Duration.FromSeconds(1);

    /// <summary>How long a claim holds before another relay may take the message (a relay that died).</summary>
    public Duration OutboxLease { get; set; } = Duration.FromMinutes(1);

    /// <summary>How long a message whose handler failed waits before its first retry; each later retry waits twice as long, at most an hour.</summary>
    public Duration OutboxRetryDelay { get; set; } = Duration.FromSeconds(10);

    /// <summary>After this many failed deliveries a message is dead-lettered (<see cref="Storage.IOutboxStore.DeadLetterAsync"/>) so its aggregate's later events can flow.</summary>
    public int OutboxMaxAttempts { get; set; } = 20;
}
