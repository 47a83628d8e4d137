using System.Collections.Concurrent;

namespace Crm.Sessions;

/// <summary>The aggregate sets modules add to every session (<c>crm.AddAggregateSet</c>), besides contacts and accounts.</summary>
internal sealed class AggregateSetRegistry
{
    private readonly ConcurrentDictionary<Type, Func<CrmSession, object>> _factories = new();

    // Entity type names are table names in stores: two families must never share one.
    private readonly ConcurrentDictionary<string, Type> _families = new(StringComparer.Ordinal)
    {
        [Storage.EntityTypes.Account] = typeof(Customers.AccountData),
        [Storage.EntityTypes.Contact] = typeof(Customers.ContactData),
        [Storage.EntityTypes.Purchase] = typeof(Purchases.PurchaseData),
        [Storage.EntityTypes.Activity] = typeof(Timeline.ActivityData),
        [Storage.EntityTypes.ActivityBody] = typeof(Timeline.ActivityBodyData),
    };

    public void Add(Type setType, Func<CrmSession, object> factory)
    {
        if (!typeof(ITrackedSet).IsAssignableFrom(setType))
        {
            throw new ArgumentException($"{setType.Name} must derive from AggregateSet<TAggregate, TData, TId>.", nameof(setType));
        }

        var data = DataTypeOf(setType);
        var name = (string)typeof(Storage.Querying.RecordFields).GetMethod(nameof(Storage.Querying.RecordFields.EntityTypeOf))!.MakeGenericMethod(data).Invoke(null, null)!;
        var owner = _families.GetOrAdd(name, data);
        if (owner != data)
        {
            throw new ArgumentException($"{data.Name} uses the entity type name '{name}', which {owner.Name} already uses; every family needs its own name.", nameof(setType));
        }

        if (!_factories.TryAdd(setType, factory))
        {
            throw new ArgumentException($"The aggregate set {setType.Name} is registered twice.", nameof(setType));
        }
    }

    private static Type DataTypeOf(Type setType)
    {
        for (var type = setType; type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(AggregateSet<,,>))
            {
                return type.GetGenericArguments()[1];
            }
        }

        throw new ArgumentException($"{setType.Name} must derive from AggregateSet<TAggregate, TData, TId>.", nameof(setType));
    }

    public bool TryGet(Type setType, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Func<CrmSession, object>? factory) => _factories.TryGetValue(setType, out factory);
}
