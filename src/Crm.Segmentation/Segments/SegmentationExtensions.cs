using Crm.DependencyInjection;
using Crm.Sessions;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Crm.Segmentation;

/// <summary>Registers segments with the SDK and reaches them from a session.</summary>
public static class SegmentationExtensions
{
    /// <summary>Adds segments and their snapshots to every session, their validators and their events.</summary>
    /// <param name="crm">The SDK's builder.</param>
    /// <returns>The builder.</returns>
    public static CrmBuilder AddSegmentation(this CrmBuilder crm)
    {
        ArgumentNullException.ThrowIfNull(crm);
        crm.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidator<SegmentData>, SegmentDataValidator>());
        crm.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidator<SegmentSnapshotData>, SegmentSnapshotDataValidator>());
        return crm
            .AddAggregateSet(session => new SegmentSet(session))
            .AddAggregateSet(session => new SegmentSnapshotSet(session))
            .AddDomainEvent<SegmentDefined>()
            .AddDomainEvent<SegmentChanged>()
            .AddDomainEvent<SegmentDeleted>()
            .AddDomainEvent<SegmentMembersEntered>()
            .AddDomainEvent<SegmentMembersLeft>();
    }

    /// <summary>
    /// Runs the scheduled refresh as a hosted service: every <paramref name="pollInterval"/>, for each
    /// of <paramref name="tenants"/>, refreshes the segments whose <see cref="SegmentData.NextRefreshAt"/>
    /// has come (one commit per segment; a segment another server refreshed first is skipped).
    /// </summary>
    /// <param name="crm">The SDK's builder.</param>
    /// <param name="tenants">The tenants whose segments it refreshes.</param>
    /// <param name="pollInterval">How often it looks for due segments (a minute when null).</param>
    /// <returns>The builder.</returns>
    public static CrmBuilder AddSegmentRefresh(this CrmBuilder crm, IEnumerable<TenantId> tenants, TimeSpan? pollInterval = null)
    {
        ArgumentNullException.ThrowIfNull(crm);
        ArgumentNullException.ThrowIfNull(tenants);
        var list = tenants.ToArray();
        crm.Services.AddSingleton(sp => new SegmentRefresher(sp.GetRequiredService<ICrmSessionFactory>(), sp.GetRequiredService<NodaTime.IClock>()));
        crm.Services.AddHostedService(sp => new SegmentRefreshService(
            sp.GetRequiredService<SegmentRefresher>(),
            list,
            pollInterval ?? TimeSpan.FromMinutes(1),
            (Microsoft.Extensions.Logging.ILogger<SegmentRefreshService>?)sp.GetService<Microsoft.Extensions.Logging.ILogger<SegmentRefreshService>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<SegmentRefreshService>.Instance));
        return crm;
    }

    /// <summary>The session's segments (<c>crm.AddSegmentation()</c> must have run).</summary>
    /// <param name="session">The session.</param>
    /// <returns>The segment set.</returns>
    public static SegmentSet Segments(this CrmSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.Set<SegmentSet>();
    }
}
