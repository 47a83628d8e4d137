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

/// <summary>A family that takes the name of a built-in one, and one that repeats a common field.</summary>
public sealed class FamilyDeclarationTests
{
    [Fact]
    public void A_family_cannot_reuse_another_familys_entity_type_name()
    {
        var error = Assert.Throws<ArgumentException>(() => new ServiceCollection().AddCrm(crm => crm.AddAggregateSet(s => new ImpostorSet(s))));

        Assert.Contains("'contact'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_family_cannot_declare_a_common_field_again()
    {
        var error = Assert.Throws<TypeInitializationException>(() => Crm.Storage.Querying.RecordFields.For<TaggedData>());

        Assert.Contains("'tags'", Assert.IsType<NotSupportedException>(error.InnerException).Message, StringComparison.Ordinal);
    }
}

public sealed record ImpostorData : AggregateData, IAggregateData<ImpostorData>
{
    public required Guid Id { get; init; }

    public override string EntityType => EntityTypeName;

    public override Guid Key => Id;

    public static string EntityTypeName => "contact";

    public static IEnumerable<RecordField<ImpostorData>> DeclareFields() => [];
}

public sealed class Impostor(ImpostorData data) : AggregateRoot<ImpostorData>(data)
{
    protected internal override IDomainEvent? CreatedEvent() => null;

    protected internal override IDomainEvent? UpdatedEvent() => null;

    protected internal override IDomainEvent? DeletedEvent() => null;
}

public sealed class ImpostorSet(CrmSession session) : AggregateSet<Impostor, ImpostorData, LeadId>(session)
{
    protected override Impostor Wrap(ImpostorData data) => new(data);
}

public sealed record TaggedData : AggregateData, IAggregateData<TaggedData>
{
    public required Guid Id { get; init; }

    public override string EntityType => EntityTypeName;

    public override Guid Key => Id;

    public static string EntityTypeName => "tagged";

    public static IEnumerable<RecordField<TaggedData>> DeclareFields() => [RecordField.TextList<TaggedData>("tags", d => d.Tags)];
}
