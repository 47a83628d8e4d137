using Crm.DependencyInjection;
using Crm.Events;
using Crm.Sessions;
using Crm.Storage.InMemory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Crm.Core.Tests.Hosting;

public sealed class AddCrmTests
{
    [Fact]
    public void Missing_storage_fails_at_start_up_with_what_to_call()
    {
        var services = new ServiceCollection();
        services.AddCrm(_ => { });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ICrmSessionFactory>());

        Assert.Contains("UseInMemoryStorage()", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_options_stop_the_host_from_starting_with_every_problem_named()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddCrm(crm => crm.UseInMemoryStorage().Configure(o =>
        {
            o.DefaultTenantSettings = new TenantSettings { DefaultPhoneRegion = "XX" };
            o.OutboxBatchSize = 0;
            o.OutboxPollInterval = Duration.Zero;
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("DefaultPhoneRegion 'XX'", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutboxBatchSize", error.Message, StringComparison.Ordinal);
        Assert.Contains("OutboxPollInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Opening_a_session_without_an_operation_context_says_how_to_set_one()
    {
        using var provider = new ServiceCollection().AddCrm(crm => crm.UseInMemoryStorage()).BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ICrmSessionFactory>().OpenSession());

        Assert.Contains("AmbientOperationContextAccessor.Use", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ambient_context_flows_into_sessions()
    {
        await using var provider = new ServiceCollection().AddCrm(crm => crm.UseInMemoryStorage()).BuildServiceProvider();
        var accessor = provider.GetRequiredService<AmbientOperationContextAccessor>();

        using (accessor.Use(OperationContext.ForUser(new TenantId("t1"), new UserId("u1"))))
        {
            await Task.Yield();
            Assert.Equal(new TenantId("t1"), provider.GetRequiredService<ICrmSessionFactory>().OpenSession().Context.Tenant);
        }

        Assert.Null(accessor.Current);
    }

    [Fact]
    public async Task Hosted_relay_delivers_committed_events_to_handlers_registered_in_DI()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<Recorder>();
        builder.Services.AddCrm(crm => crm
            .UseInMemoryStorage()
            .Configure(o => o.OutboxPollInterval = Duration.FromMilliseconds(20))
            .AddEventHandler<Crm.Events.ContactCreated, RecordingHandler>()
            .AddOutboxRelay());
        using var host = builder.Build();
        await host.StartAsync(TestContext.Current.CancellationToken);
        var session = host.Services.GetRequiredService<ICrmSessionFactory>().OpenSession(OperationContext.ForUser(new TenantId("t1"), new UserId("u1")));
        var contact = session.Contacts.Create(new Crm.Customers.ContactDraft { LastName = "Evented" });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var delivered = await host.Services.GetRequiredService<Recorder>().First.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(contact.Id, delivered.Event.ContactId);
        Assert.Equal(new TenantId("t1"), delivered.Context.Tenant);
        Assert.Equal(1, delivered.Context.Attempt);
    }

    [Fact]
    public async Task A_failing_handler_is_retried_and_the_aggregates_later_events_wait_for_it()
    {
        await using var test = new TestHost(services =>
        {
            services.AddSingleton<FlakyLog>();
            services.AddScoped<IDomainEventHandler<Crm.Events.ContactCreated>, FlakyHandler>();
            services.AddScoped<IDomainEventHandler<Crm.Events.ContactUpdated>, FlakyHandler>();
        });
        var session = test.Session();
        var contact = session.Contacts.Create(new Crm.Customers.ContactDraft { LastName = "Flaky" });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
        contact.SetJobTitle("Updated");
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
        var dispatcher = test.Services.GetRequiredService<OutboxDispatcher>();
        var log = test.Services.GetRequiredService<FlakyLog>();

        Assert.Equal(0, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken));
        test.Clock.Advance(Duration.FromSeconds(11));
        Assert.Equal(1, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["created#1 failed", "created#2", "updated#1"], log.Entries);
    }

    [Fact]
    public async Task A_handler_that_always_fails_is_dead_lettered_after_the_maximum_attempts_with_growing_delays()
    {
        await using var test = new TestHost(services =>
        {
            services.Configure<Crm.DependencyInjection.CrmOptions>(o => o.OutboxMaxAttempts = 3);
            services.AddScoped<IDomainEventHandler<Crm.Events.ContactCreated>, AlwaysFails>();
        });
        var session = test.Session();
        session.Contacts.Create(new Crm.Customers.ContactDraft { LastName = "Poison" });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);
        var dispatcher = test.Services.GetRequiredService<OutboxDispatcher>();

        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);
        test.Clock.Advance(Duration.FromSeconds(11));
        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);
        test.Clock.Advance(Duration.FromSeconds(11));
        Assert.Equal(0, await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken)); // second retry waits 20 s, not 10
        test.Clock.Advance(Duration.FromSeconds(10));
        await dispatcher.DispatchPendingAsync(TestContext.Current.CancellationToken);

        var dead = Assert.Single(await test.Store.Outbox.ReadDeadLettersAsync(10, TestContext.Current.CancellationToken));
        Assert.Equal(3, dead.Entry.Attempts);
        Assert.Contains("The back office is down.", dead.Reason, StringComparison.Ordinal);
        Assert.Equal(0L, await test.Store.Outbox.CountPendingAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Handlers_run_in_the_events_tenant_as_the_system_and_can_open_sessions()
    {
        await using var test = new TestHost(services =>
        {
            services.AddSingleton<FlakyLog>();
            services.AddScoped<IDomainEventHandler<Crm.Events.ContactCreated>, TagsNewContacts>();
        });
        var session = test.Session();
        var contact = session.Contacts.Create(new Crm.Customers.ContactDraft { LastName = "Welcomed" });
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        Assert.Equal(1, await test.Services.GetRequiredService<OutboxDispatcher>().DispatchPendingAsync(TestContext.Current.CancellationToken));

        var stored = (await test.Session().Contacts.FindAsync(contact.Id, TestContext.Current.CancellationToken))!;
        Assert.Equal(["welcomed"], stored.Data.Tags);
    }

    private sealed class AlwaysFails : IDomainEventHandler<Crm.Events.ContactCreated>
    {
        public Task HandleAsync(Crm.Events.ContactCreated domainEvent, DomainEventContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The back office is down.");
    }

    private sealed class TagsNewContacts(ICrmSessionFactory sessions) : IDomainEventHandler<Crm.Events.ContactCreated>
    {
        public async Task HandleAsync(Crm.Events.ContactCreated domainEvent, DomainEventContext context, CancellationToken cancellationToken)
        {
            var session = sessions.OpenSession();
            Assert.True(session.Context.IsSystem);
            var contact = (await session.Contacts.FindAsync(domainEvent.ContactId, cancellationToken))!;
            contact.Tag("welcomed");
            Assert.True((await session.CommitAsync(cancellationToken: cancellationToken)).IsSuccess);
        }
    }

    private sealed class Recorder
    {
        public TaskCompletionSource<(Crm.Events.ContactCreated Event, DomainEventContext Context)> First { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class RecordingHandler(Recorder recorder) : IDomainEventHandler<Crm.Events.ContactCreated>
    {
        public Task HandleAsync(Crm.Events.ContactCreated domainEvent, DomainEventContext context, CancellationToken cancellationToken)
        {
            recorder.First.TrySetResult((domainEvent, context));
            return Task.CompletedTask;
        }
    }

    private sealed class FlakyLog
    {
        public List<string> Entries { get; } = [];
    }

    private sealed class FlakyHandler(FlakyLog log) : IDomainEventHandler<Crm.Events.ContactCreated>, IDomainEventHandler<Crm.Events.ContactUpdated>
    {
        public Task HandleAsync(Crm.Events.ContactCreated domainEvent, DomainEventContext context, CancellationToken cancellationToken)
        {
            if (context.Attempt == 1)
            {
                log.Entries.Add("created#1 failed");
                throw new InvalidOperationException("The back office is down.");
            }

            log.Entries.Add($"created#{context.Attempt}");
            return Task.CompletedTask;
        }

        public Task HandleAsync(Crm.Events.ContactUpdated domainEvent, DomainEventContext context, CancellationToken cancellationToken)
        {
            log.Entries.Add($"updated#{context.Attempt}");
            return Task.CompletedTask;
        }
    }
}
