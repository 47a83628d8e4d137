using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Crm.Diagnostics;

/// <summary>
/// The SDK's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named
/// <see cref="SourceName"/>. Subscribe with OpenTelemetry's <c>AddSource("Crm")</c> and <c>AddMeter("Crm")</c>.
/// </summary>
public sealed class CrmTelemetry : IDisposable
{
    /// <summary>The name of the activity source and the meter.</summary>
    public const string SourceName = "Crm";

    private readonly Meter _meter;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The host's meter factory, if it registered one (<c>services.AddMetrics()</c>).</param>
    public CrmTelemetry(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(SourceName) ?? new Meter(SourceName);
        ActivitySource = new ActivitySource(SourceName);
        Commits = _meter.CreateCounter<long>("crm.commits", "{commit}", "Commits attempted, tagged with their outcome.");
        RecordsWritten = _meter.CreateCounter<long>("crm.records.written", "{record}", "Records inserted, updated or deleted by successful commits.");
        CommitDuration = _meter.CreateHistogram<double>("crm.commit.duration", "ms", "Time to validate and commit a unit of work.");
        EventsDelivered = _meter.CreateCounter<long>("crm.outbox.delivered", "{event}", "Domain events delivered to their handlers.");
        EventsFailed = _meter.CreateCounter<long>("crm.outbox.failed", "{event}", "Domain event deliveries that failed and will be retried.");
    }

    /// <summary>Traces commits and deliveries.</summary>
    public ActivitySource ActivitySource { get; }

    /// <summary>Commits attempted (tag <c>outcome</c>: committed, invalid, conflict, replayed).</summary>
    public Counter<long> Commits { get; }

    /// <summary>Records written by successful commits.</summary>
    public Counter<long> RecordsWritten { get; }

    /// <summary>Commit duration in milliseconds.</summary>
    public Histogram<double> CommitDuration { get; }

    /// <summary>Events delivered.</summary>
    public Counter<long> EventsDelivered { get; }

    /// <summary>Event deliveries that failed.</summary>
    public Counter<long> EventsFailed { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        ActivitySource.Dispose();
        _meter.Dispose();
    }
}
