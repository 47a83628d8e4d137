using Crm.Sessions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Crm.Segmentation;

/// <summary>Refreshes a tenant's due segments, each in its own session and commit (what the scheduled refresh runs; callable directly from a host's own scheduler).</summary>
public sealed class SegmentRefresher
{
    private readonly ICrmSessionFactory _sessions;
    private readonly IClock _clock;

    /// <summary>Creates the refresher.</summary>
    /// <param name="sessions">Opens the sessions.</param>
    /// <param name="clock">Says when a segment is due.</param>
    public SegmentRefresher(ICrmSessionFactory sessions, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        ArgumentNullException.ThrowIfNull(clock);
        _sessions = sessions;
        _clock = clock;
    }

    /// <summary>
    /// Refreshes every due segment of a tenant. A segment whose commit fails (another refresh won, or
    /// its rule no longer checks) is reported and left for the next pass; the others go on.
    /// </summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the pass.</param>
    /// <returns>What each refresh did.</returns>
    public async Task<IReadOnlyList<SegmentRefreshOutcome>> RefreshDueAsync(TenantId tenant, CancellationToken cancellationToken = default)
    {
        var context = OperationContext.ForSystem(tenant);
        var due = await _sessions.OpenSession(context).Segments().DueAsync(_clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        var outcomes = new List<SegmentRefreshOutcome>(due.Count);
        foreach (var candidate in due)
        {
            var session = _sessions.OpenSession(context);
            var segment = await session.Segments().FindAsync(candidate.Id, cancellationToken).ConfigureAwait(false);

            // Another server may have refreshed it since the list was read: then it is no longer due.
            if (segment?.Data.NextRefreshAt is not { } next || next > _clock.GetCurrentInstant())
            {
                continue;
            }

            try
            {
                var refresh = await session.Segments().RefreshAsync(segment, cancellationToken: cancellationToken).ConfigureAwait(false);
                var commit = await session.CommitAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                outcomes.Add(commit.IsSuccess
                    ? new SegmentRefreshOutcome(segment.Id, refresh.Entered.Count, refresh.Left.Count, null)
                    : new SegmentRefreshOutcome(segment.Id, 0, 0, string.Join("; ", commit.Errors.Select(e => e.Message))));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One segment's failure (a rule that no longer checks, a store error) must not stop the others.
            catch (Exception e)
#pragma warning restore CA1031
            {
                outcomes.Add(new SegmentRefreshOutcome(segment.Id, 0, 0, e.Message));
            }
        }

        return outcomes;
    }
}

/// <summary>What a scheduled refresh of one segment did.</summary>
/// <param name="SegmentId">The segment.</param>
/// <param name="Entered">How many members entered.</param>
/// <param name="Left">How many left.</param>
/// <param name="Error">Why it was not refreshed; null when it was.</param>
public sealed record SegmentRefreshOutcome(SegmentId SegmentId, int Entered, int Left, string? Error);

/// <summary>The hosted scheduled refresh (<c>crm.AddSegmentRefresh(...)</c>).</summary>
internal sealed partial class SegmentRefreshService(SegmentRefresher refresher, IReadOnlyList<TenantId> tenants, TimeSpan pollInterval, ILogger<SegmentRefreshService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            foreach (var tenant in tenants)
            {
                try
                {
                    foreach (var outcome in await refresher.RefreshDueAsync(tenant, stoppingToken).ConfigureAwait(false))
                    {
                        if (outcome.Error is not null)
                        {
                            LogRefreshFailed(logger, outcome.SegmentId.ToString(), outcome.Error);
                        }
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The schedule outlives a failed pass (e.g. the database is briefly away).
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogPassFailed(logger, tenant.Value ?? string.Empty, e);
                }
            }

            try
            {
                await Task.Delay(pollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Segment {SegmentId} was not refreshed: {Error}")]
    private static partial void LogRefreshFailed(ILogger logger, string segmentId, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "The segment refresh pass of tenant {Tenant} failed")]
    private static partial void LogPassFailed(ILogger logger, string tenant, Exception exception);
}
