namespace Crm.Storage.Querying;

/// <summary>Keeps the smallest <c>k</c> items seen, in order, without sorting everything: O(n log k).</summary>
internal sealed class TopK<T>(int k, IComparer<T> comparer)
{
    private readonly List<T> _items = new(Math.Min(k, 1024) + 1);

    public void Offer(T item)
    {
        if (k <= 0)
        {
            return;
        }

        if (_items.Count == k && comparer.Compare(item, _items[^1]) >= 0)
        {
            return;
        }

        var index = _items.BinarySearch(item, comparer);
        _items.Insert(index < 0 ? ~index : index, item);
        if (_items.Count > k)
        {
            _items.RemoveAt(_items.Count - 1);
        }
    }

    public List<T> ToList() => _items;
}
