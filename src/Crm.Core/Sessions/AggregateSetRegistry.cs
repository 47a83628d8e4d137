using System.Collections.Concurrent;

namespace Crm.Sessions;

/// <summary>The aggregate sets modules add to every session (<c>crm.AddAggregateSet</c>), besides contacts and accounts.</summary>
internal sealed class AggregateSetRegistry
{
    private readonly ConcurrentDictionary<Type, Func<CrmSession, object>> _factories = new();

    public void Add(Type setType, Func<CrmSession, object> factory)
    {
        if (!typeof(ITrackedSet).IsAssignableFrom(setType))
        {
            throw new ArgumentException($"{setType.Name} must derive from AggregateSet<TAggregate, TData, TId>.", nameof(setType));
        }

        if (!_factories.TryAdd(setType, factory))
        {
            throw new ArgumentException($"The aggregate set {setType.Name} is registered twice.", nameof(setType));
        }
    }

    public bool TryGet(Type setType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Func<CrmSession, object>? factory) => _factories.TryGetValue(setType, out factory);
}
