using System.Collections.Frozen;
using System.Reflection;
using Crm.Customers;

namespace Crm.Storage.Querying;

/// <summary>
/// Per data type, once: the entity type name and the queryable fields (common + declared), read
/// from the type's <see cref="IAggregateData{TSelf}"/> implementation. Immutable after its first use.
/// </summary>
/// <typeparam name="TData">The data record.</typeparam>
internal static class FamilyCatalog<TData> where TData : AggregateData
{
    public static readonly string EntityType = Invoke<string>(nameof(NameOf));

    public static readonly FrozenDictionary<string, RecordField<TData>> Fields =
        RecordFields.Common<TData>().Concat(Invoke<IEnumerable<RecordField<TData>>>(nameof(FieldsOf))).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);

    private static T Invoke<T>(string method)
    {
        if (!typeof(TData).GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IAggregateData<>)))
        {
            throw new NotSupportedException($"{typeof(TData).Name} does not implement IAggregateData<{typeof(TData).Name}>, so it has no entity type name or query fields.");
        }

        return (T)typeof(FamilyCatalog<TData>).GetMethod(method, BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(typeof(TData)).Invoke(null, null)!;
    }

    private static string NameOf<T>() where T : AggregateData, IAggregateData<T> => T.EntityTypeName;

    private static IEnumerable<RecordField<T>> FieldsOf<T>() where T : AggregateData, IAggregateData<T> => T.DeclareFields();
}
