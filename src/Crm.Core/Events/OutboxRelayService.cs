using Crm.DependencyInjection;
using Crm.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Crm.Events;

/// <summary>The opt-in hosted relay (<c>crm.AddOutboxRelay()</c>): runs <see cref="OutboxDispatcher"/> until the host stops, pausing when the outbox is empty.</summary>
/// <param name="dispatcher">The dispatcher.</param>
/// <param name="options">The poll interval.</param>
/// <param name="logger">The logger.</param>
internal sealed class OutboxRelayService(OutboxDispatcher dispatcher, IOptions<CrmOptions> options, ILogger<OutboxRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Log.RelayStarted(logger);
        while (!stoppingToken.IsCancellationRequested)
        {
            var delivered = 0;
            try
            {
                delivered = await dispatcher.DispatchPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The relay outlives a failed pass (e.g. the database is briefly away).
            catch (Exception e)
#pragma warning restore CA1031
            {
                Log.RelayPassFailed(logger, e);
            }

            if (delivered == 0)
            {
                try
                {
                    await Task.Delay(options.Value.OutboxPollInterval.ToTimeSpan(), stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
