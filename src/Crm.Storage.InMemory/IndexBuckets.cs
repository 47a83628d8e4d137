using Crm.Customers;
using Crm.Storage.Querying;

namespace Crm.Storage.InMemory;

/// <summary>
/// One declared <see cref="RecordIndex"/> of a family in one tenant: per field value, the records
/// that have it, kept sorted in the index's order (id last). Guarded by the partition's lock.
/// </summary>
/// <typeparam name="TData">The family's data record.</typeparam>
internal sealed class IndexBuckets<TData> where TData : AggregateData
{
    private readonly Dictionary<string, List<TData>> _buckets = new(StringComparer.Ordinal);
    private readonly RecordField<TData> _field;

    public IndexBuckets(RecordIndex definition)
    {
        Definition = definition;
        _field = RecordFields.For<TData>()[definition.Field];
        Order = RecordQueryEvaluator.CreateComparer<TData>(definition.Sort);
    }

    public RecordIndex Definition { get; }

    public IComparer<TData> Order { get; }

    /// <summary>The records with a value, in the index's order; empty when none has it.</summary>
    public IReadOnlyList<TData> Get(string value) => _buckets.TryGetValue(value, out var bucket) ? bucket : [];

    public void Add(TData data)
    {
        foreach (var value in ValuesOf(data))
        {
            if (!_buckets.TryGetValue(value, out var bucket))
            {
                bucket = [];
                _buckets.Add(value, bucket);
            }

            var at = bucket.BinarySearch(data, Order);
            bucket.Insert(at < 0 ? ~at : at, data);
        }
    }

    public void Remove(TData data)
    {
        foreach (var value in ValuesOf(data))
        {
            if (_buckets.TryGetValue(value, out var bucket))
            {
                // The stored record is immutable, so its sort values are those it was inserted with.
                var at = bucket.BinarySearch(data, Order);
                if (at >= 0)
                {
                    bucket.RemoveAt(at);
                }

                if (bucket.Count == 0)
                {
                    _buckets.Remove(value);
                }
            }
        }
    }

    private IEnumerable<string> ValuesOf(TData data)
    {
        if (_field.ReadOne is { } one)
        {
            return one(data) is { } value ? [value.AsText()] : [];
        }

        return _field.ReadList!(data).Select(v => v.AsText()).Distinct(StringComparer.Ordinal);
    }
}
