using Crm.Customers;
using Crm.Events;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.Querying;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Crm.Core.Tests.Hosting;

/// <summary>A module (here a test) brings its own aggregate family without changing Crm.Core or the store.</summary>
public sealed class ModuleFamilyTests
{
    [Fact]
    public async Task A_module_family_is_validated_stored_queried_and_raises_its_events()
    {
        await using var host = new TestHost(
            services => services.AddSingleton<IValidator<LeadData>, LeadValidator>(),
            crm => crm.AddAggregateSet(s => new LeadSet(s)).AddDomainEvent<LeadCreated>());
        var session = host.Session();
        var leads = session.Set<LeadSet>();
        leads.Create("Acme deal", 5_000m);
        leads.Create("Small deal", 100m);
        leads.Create("", -1m);

        var invalid = await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(["title", "value"], invalid.Errors.Select(e => e.Path!).Order(StringComparer.Ordinal));

        leads.Remove(leads.Tracked.Single(l => l.Data.Title == ""));
        Assert.True((await session.CommitAsync(cancellationToken: TestContext.Current.CancellationToken)).IsSuccess);

        var big = (await host.Session().Set<LeadSet>().QueryAsync(new RecordQuery { Filter = Filter.GreaterThan("value", 1_000m) }, TestContext.Current.CancellationToken)).Value!;
        Assert.Equal(["Acme deal"], big.Items.Select(l => l.Data.Title));
        var claimed = await host.Store.Outbox.ClaimAsync(10, NodaTime.Duration.FromMinutes(1), TestContext.Current.CancellationToken);
        Assert.Equal(["lead.created", "lead.created"], claimed.Select(c => c.Message.EventType));
        Assert.All(await host.Session().ReadChangesAsync(0, 10, TestContext.Current.CancellationToken), e => Assert.Equal("lead", e.Record.EntityType));
    }
}

public readonly record struct LeadId(Guid Value) : ITypedId<LeadId>
{
    public static LeadId FromGuid(Guid value) => new(value);
}

public sealed record LeadData : AggregateData, IAggregateData<LeadData>
{
    public required Guid Id { get; init; }

    public string Title { get; init; } = string.Empty;

    public decimal Value { get; init; }

    public override string EntityType => EntityTypeName;

    public override Guid Key => Id;

    public static string EntityTypeName => "lead";

    public static IEnumerable<RecordField<LeadData>> DeclareFields() =>
        [RecordField.Text<LeadData>("title", d => d.Title), RecordField.Number<LeadData>("value", d => d.Value)];
}

[DomainEvent("lead.created")]
public sealed record LeadCreated(Guid LeadId) : IDomainEvent
{
    public RecordRef Subject => new("lead", LeadId);
}

public sealed class Lead(LeadData data) : AggregateRoot<LeadData>(data)
{
    protected internal override IDomainEvent CreatedEvent() => new LeadCreated(Data.Id);

    protected internal override IDomainEvent UpdatedEvent() => new LeadCreated(Data.Id);

    protected internal override IDomainEvent DeletedEvent() => new LeadCreated(Data.Id);
}

public sealed class LeadSet(CrmSession session) : AggregateSet<Lead, LeadData, LeadId>(session)
{
    public Lead Create(string title, decimal value)
    {
        var lead = new Lead(new LeadData { Id = Session.NewId(), TenantId = Session.Context.Tenant, Title = title, Value = value });
        Add(lead);
        return lead;
    }

    protected override Lead Wrap(LeadData data) => new(data);
}

public sealed class LeadValidator : AbstractValidator<LeadData>
{
    public LeadValidator()
    {
        RuleFor(l => l.Title).NotEmpty().WithErrorCode(CrmErrorCodes.Required);
        RuleFor(l => l.Value).GreaterThanOrEqualTo(0).WithErrorCode(CrmErrorCodes.OutOfRange);
    }
}
