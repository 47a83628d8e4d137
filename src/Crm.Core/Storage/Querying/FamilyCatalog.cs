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

    public static readonly FrozenDictionary<string, RecordField<TData>> Fields = Collect();

    private static FrozenDictionary<string, RecordField<TData>> Collect()
    {
        var fields = new Dictionary<string, RecordField<TData>>(StringComparer.Ordinal);
        foreach (var field in RecordFields.Common<TData>().Concat(Invoke<IEnumerable<RecordField<TData>>>(nameof(FieldsOf))))
        {
            if (!fields.TryAdd(field.Name, field))
            {
                throw new NotSupportedException($"{typeof(TData).Name} declares the query field '{field.Name}' twice (or a field the SDK already adds to every family); give it another name.");
            }
        }

        return fields.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public static readonly IReadOnlyList<RecordIndex> Indexes = CheckIndexes(Invoke<IEnumerable<RecordIndex>>(nameof(IndexesOf)));

    private static RecordIndex[] CheckIndexes(IEnumerable<RecordIndex> declared)
    {
        var indexes = declared.ToArray();
        foreach (var index in indexes)
        {
            if (!Fields.TryGetValue(index.Field, out var field) || field.Kind != CustomFields.ScalarKind.Text)
            {
                throw new NotSupportedException($"The index '{index.Name}' of {EntityType} looks up '{index.Field}', which is not a text field of the family.");
            }

            if (index.Sort.FirstOrDefault(k => !Fields.TryGetValue(k.Field, out var f) || f.IsList) is { } bad)
            {
                throw new NotSupportedException($"The index '{index.Name}' of {EntityType} sorts by '{bad.Field}', which is not a single-valued field of the family.");
            }
        }

        return indexes;
    }

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

    private static IEnumerable<RecordIndex> IndexesOf<T>() where T : AggregateData, IAggregateData<T> => T.DeclareIndexes();
}
