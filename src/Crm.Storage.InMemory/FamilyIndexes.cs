using System.Collections.Concurrent;
using Crm.Customers;
using Crm.Storage.Querying;

namespace Crm.Storage.InMemory;

/// <summary>The declared indexes of one family in one tenant, kept in step with its records.</summary>
internal abstract class FamilyIndexes
{
    private static readonly ConcurrentDictionary<Type, Func<FamilyIndexes?>> Factories = new();

    /// <summary>The indexes for a data record type, or <see langword="null"/> when it declares none.</summary>
    public static FamilyIndexes? Create(Type dataType) => Factories.GetOrAdd(dataType, type =>
    {
        var make = typeof(FamilyIndexes).GetMethod(nameof(CreateFor), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);
        return make.CreateDelegate<Func<FamilyIndexes?>>();
    })();

    private static readonly ConcurrentDictionary<Type, Action<AggregateData>> Readers = new();

    /// <summary>
    /// Reads every value the family's indexes would take from a record, so a record whose index
    /// fields cannot be read (a null list in data built by hand) is refused before a commit applies
    /// anything, not half-way through it.
    /// </summary>
    public static void ReadKeys(AggregateData data) => Readers.GetOrAdd(data.GetType(), type =>
    {
        var make = typeof(FamilyIndexes).GetMethod(nameof(KeyReaderFor), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.MakeGenericMethod(type);
        return make.CreateDelegate<Func<Action<AggregateData>>>()();
    })(data);

    public abstract void Put(AggregateData data, AggregateData? previous);

    public abstract void Remove(AggregateData previous);

    private static Action<AggregateData> KeyReaderFor<TData>() where TData : AggregateData
    {
        var fields = RecordFields.IndexesOf<TData>()
            .SelectMany(i => i.Sort.Select(k => k.Field).Prepend(i.Field))
            .Distinct(StringComparer.Ordinal)
            .Select(name => RecordFields.For<TData>()[name])
            .ToArray();
        return data =>
        {
            foreach (var field in fields)
            {
                if (field.ReadOne is { } one)
                {
                    _ = one((TData)data);
                }
                else
                {
                    foreach (var value in field.ReadList!((TData)data))
                    {
                        _ = value.AsText();
                    }
                }
            }
        };
    }

    // Returns the base type: it is bound to a Func<FamilyIndexes?> for types known only at run time.
#pragma warning disable CA1859
    private static FamilyIndexes? CreateFor<TData>() where TData : AggregateData =>
        RecordFields.IndexesOf<TData>().Count == 0 ? null : new FamilyIndexes<TData>();
#pragma warning restore CA1859
}

/// <inheritdoc />
internal sealed class FamilyIndexes<TData> : FamilyIndexes where TData : AggregateData
{
    public IndexBuckets<TData>[] Indexes { get; } = [.. RecordFields.IndexesOf<TData>().Select(i => new IndexBuckets<TData>(i))];

    public override void Put(AggregateData data, AggregateData? previous)
    {
        foreach (var index in Indexes)
        {
            if (previous is not null)
            {
                index.Remove((TData)previous);
            }

            index.Add((TData)data);
        }
    }

    public override void Remove(AggregateData previous)
    {
        foreach (var index in Indexes)
        {
            index.Remove((TData)previous);
        }
    }

    /// <summary>
    /// Picks the index that answers a filter: one whose field the filter (or a conjunct of it) tests
    /// for equality with one value; an index whose order is the query's wins.
    /// </summary>
    public (IndexBuckets<TData> Index, string Value, bool Ordered, bool Exact)? Plan(Filter? filter, IReadOnlyList<SortKey> sort)
    {
        (IndexBuckets<TData>, string, bool, bool)? best = null;
        foreach (var index in Indexes)
        {
            if (EqualityOn(filter, index.Definition.Field) is not { } value)
            {
                continue;
            }

            var ordered = SameSort(index.Definition.Sort, sort);
            if (best is null || ordered)
            {
                best = (index, value, ordered, filter is FieldFilter);
            }

            if (ordered)
            {
                break;
            }
        }

        return best;
    }

    private static bool SameSort(IReadOnlyList<SortKey> a, IReadOnlyList<SortKey> b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        if (a.Count != b.Count)
        {
            return false;
        }

        for (var i = 0; i < a.Count; i++)
        {
            if (a[i].Direction != b[i].Direction || !string.Equals(a[i].Field, b[i].Field, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static string? EqualityOn(Filter? filter, string field) => filter switch
    {
        FieldFilter { Operator: FilterOperator.Equal or FilterOperator.In, Values: [{ Kind: CustomFields.ScalarKind.Text } value] } f when f.Field == field => value.AsText(),
        AndFilter and => and.Filters.Select(f => EqualityOn(f, field)).FirstOrDefault(v => v is not null),
        _ => null,
    };
}
