using Crm.Customers;
using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>
/// The reference semantics of the filter model and the ordering rules, in memory. The SDK uses it
/// over a store's scan when the store does not push a query down; the in-memory store uses it
/// directly; a store that pushes down must return exactly what this returns.
/// </summary>
public static class RecordQueryEvaluator
{
    /// <summary>Builds a predicate for a filter (<see langword="null"/> matches everything).</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <param name="filter">The filter.</param>
    /// <returns>The predicate.</returns>
    /// <exception cref="ArgumentException">The filter names an unknown field.</exception>
    public static Func<TData, bool> CompilePredicate<TData>(Filter? filter) where TData : AggregateData => filter switch
    {
        null => static _ => true,
        AndFilter and => CompileAll(and.Filters.Select(CompilePredicate<TData>).ToArray()),
        OrFilter or => CompileAny(or.Filters.Select(CompilePredicate<TData>).ToArray()),
        FieldFilter field => CompileField<TData>(field),
        _ => throw new ArgumentException($"Unknown filter type {filter.GetType().Name}.", nameof(filter)),
    };

    /// <summary>The total order of a query: its sort keys (nulls first ascending, last descending), then the id ascending.</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <param name="sort">The sort keys.</param>
    /// <returns>The comparer.</returns>
    public static IComparer<TData> CreateComparer<TData>(IReadOnlyList<SortKey> sort) where TData : AggregateData
    {
        var readers = SortReaders<TData>(sort);
        return Comparer<TData>.Create((a, b) =>
        {
            for (var i = 0; i < readers.Length; i++)
            {
                var (read, descending) = readers[i];
                var result = CompareForSort(read(a), read(b));
                if (result != 0)
                {
                    return descending ? -result : result;
                }
            }

            return a.Key.CompareTo(b.Key);
        });
    }

    /// <summary>The values of the sort keys of a record, for a <see cref="KeysetPosition"/>.</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <param name="record">The record.</param>
    /// <param name="sort">The sort keys.</param>
    /// <returns>The position just at the record.</returns>
    public static KeysetPosition PositionOf<TData>(TData record, IReadOnlyList<SortKey> sort) where TData : AggregateData
    {
        ArgumentNullException.ThrowIfNull(record);
        return new KeysetPosition([.. SortReaders<TData>(sort).Select(r => r.Read(record))], record.Key);
    }

    /// <summary>Builds a predicate that is true for records strictly after a keyset position in the query's order.</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <param name="sort">The sort keys.</param>
    /// <param name="position">The position, or <see langword="null"/> (everything is after it).</param>
    /// <returns>The predicate.</returns>
    public static Func<TData, bool> CompileAfter<TData>(IReadOnlyList<SortKey> sort, KeysetPosition? position) where TData : AggregateData
    {
        if (position is null)
        {
            return static _ => true;
        }

        var readers = SortReaders<TData>(sort);
        return record =>
        {
            for (var i = 0; i < readers.Length; i++)
            {
                var (read, descending) = readers[i];
                var result = CompareForSort(read(record), position.Values[i]);
                if (result != 0)
                {
                    return descending ? result < 0 : result > 0;
                }
            }

            return record.Key.CompareTo(position.Id) > 0;
        };
    }

    /// <summary>Evaluates a whole query over records: filter, keyset position, order and limit.</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <param name="records">The records (any order).</param>
    /// <param name="query">The query.</param>
    /// <returns>Up to <see cref="StoreQuery.Limit"/> records in query order.</returns>
    public static IReadOnlyList<TData> Evaluate<TData>(IEnumerable<TData> records, StoreQuery query) where TData : AggregateData
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(query);
        var top = new TopK<TData>(query.Limit, CreateComparer<TData>(query.Sort));
        var matches = CompilePredicate<TData>(query.Filter);
        var after = CompileAfter<TData>(query.Sort, query.After);
        foreach (var record in records)
        {
            if (after(record) && matches(record))
            {
                top.Offer(record);
            }
        }

        return top.ToList();
    }

    /// <summary>Compares two sort values: nulls first; values of different kinds (a custom field whose type changed) by kind.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns>Negative, zero or positive.</returns>
    public static int CompareForSort(ScalarValue? left, ScalarValue? right)
    {
        if (left is null || right is null)
        {
            return ScalarValue.Compare(left, right);
        }

        return left.Kind != right.Kind ? left.Kind.CompareTo(right.Kind) : left.CompareTo(right);
    }

    private static (Func<TData, ScalarValue?> Read, bool Descending)[] SortReaders<TData>(IReadOnlyList<SortKey> sort) where TData : AggregateData =>
        [.. sort.Select(key => (Field<TData>(key.Field).ReadOne ?? throw new ArgumentException($"'{key.Field}' is a list field and cannot be sorted.", nameof(sort)), key.Direction == SortDirection.Descending))];

    private static RecordField<TData> Field<TData>(string name) where TData : AggregateData =>
        RecordFields.Find<TData>(name, null) ?? throw new ArgumentException($"'{name}' is not a field of {typeof(TData).Name}.", nameof(name));

    private static Func<TData, bool> CompileAll<TData>(Func<TData, bool>[] parts) => record =>
    {
        foreach (var part in parts)
        {
            if (!part(record))
            {
                return false;
            }
        }

        return true;
    };

    private static Func<TData, bool> CompileAny<TData>(Func<TData, bool>[] parts) => record =>
    {
        foreach (var part in parts)
        {
            if (part(record))
            {
                return true;
            }
        }

        return false;
    };

    private static Func<TData, bool> CompileField<TData>(FieldFilter filter) where TData : AggregateData
    {
        var field = Field<TData>(filter.Field);
        var values = filter.Values;
        if (field.ReadList is { } list)
        {
            return filter.Operator switch
            {
                FilterOperator.IsNull => d => !list(d).Any(),
                FilterOperator.IsNotNull => d => list(d).Any(),
                FilterOperator.NotEqual => d => !list(d).Any(v => Test(FilterOperator.Equal, v, values)),
                var op => d => list(d).Any(v => Test(op, v, values)),
            };
        }

        var single = field.ReadOne!;
        return filter.Operator switch
        {
            FilterOperator.IsNull => d => single(d) is null,
            FilterOperator.IsNotNull => d => single(d) is not null,
            FilterOperator.NotEqual => d => !(single(d) is { } v && Test(FilterOperator.Equal, v, values)),
            var op => d => single(d) is { } v && Test(op, v, values),
        };
    }

    private static bool Test(FilterOperator op, ScalarValue value, IReadOnlyList<ScalarValue> operands)
    {
        if (op == FilterOperator.In)
        {
            foreach (var operand in operands)
            {
                if (operand.Kind == value.Kind && value.CompareTo(operand) == 0)
                {
                    return true;
                }
            }

            return false;
        }

        var right = operands[0];
        if (right.Kind != value.Kind)
        {
            return false;
        }

        if (op == FilterOperator.StartsWith)
        {
            return value.Kind == ScalarKind.Text && value.AsText().StartsWith(right.AsText(), StringComparison.Ordinal);
        }

        var cmp = value.CompareTo(right);
        return op switch
        {
            FilterOperator.Equal => cmp == 0,
            FilterOperator.LessThan => cmp < 0,
            FilterOperator.LessThanOrEqual => cmp <= 0,
            FilterOperator.GreaterThan => cmp > 0,
            FilterOperator.GreaterThanOrEqual => cmp >= 0,
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
        };
    }
}
