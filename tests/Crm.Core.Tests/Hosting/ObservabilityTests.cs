using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Crm.Customers;
using Crm.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Crm.Core.Tests.Hosting;

public sealed class ObservabilityTests
{
    [Fact]
    public async Task Commits_are_counted_with_their_outcome()
    {
        await using var host = new TestHost();
        var telemetry = host.Services.GetRequiredService<CrmTelemetry>();
        var outcomes = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument, telemetry.Commits))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    outcomes.Add((string)tag.Value!);
                }
            }
        });
        listener.Start();

        var session = host.Session();
        session.Contacts.Create(new ContactDraft { LastName = "Counted" });
        await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        var invalid = host.Session();
        invalid.Contacts.Create(new ContactDraft());
        await invalid.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(["committed", "invalid"], outcomes.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Rejected_commits_are_logged_with_a_stable_event_id()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = new TestHost(services => services.AddLogging(b => b.AddProvider(logs)));
        var session = host.Session();
        session.Contacts.Create(new ContactDraft());

        await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);

        var entry = Assert.Single(logs.Entries, e => e.EventId.Id == 1002);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Contains("acme", entry.Message, StringComparison.Ordinal);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentBag<(EventId EventId, LogLevel Level, string Message)> Entries { get; } = [];

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider owner) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                owner.Entries.Add((eventId, logLevel, formatter(state, exception)));
        }
    }
}
