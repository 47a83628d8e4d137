namespace Crm.Storage.InMemory;

/// <summary>
/// An append-only list of values in chunks of 1,024 that may drop whole chunks from its front.
/// Growing never copies what is held: a <see cref="List{T}"/> of a million change feed rows
/// re-allocated ~128 MB on the large object heap while it doubled, and each of those allocations
/// counted towards a full collection. Chunks stay below the large object threshold.
/// </summary>
/// <typeparam name="T">The value type held.</typeparam>
internal sealed class ChunkedList<T> where T : struct
{
    private const int Shift = 10;
    private const int Size = 1 << Shift;
    private const int Mask = Size - 1;
    private T[]?[] _chunks = new T[]?[16];

    /// <summary>How many values were ever added: the index the next one gets.</summary>
    public long Count { get; private set; }

    /// <summary>The first index still held (everything before it was dropped).</summary>
    public long First { get; private set; }

    /// <summary>The value at an absolute index, by reference so it can be changed in place.</summary>
    /// <param name="index">From <see cref="First"/> to <see cref="Count"/> - 1.</param>
    public ref T this[long index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(index, First);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return ref _chunks[index >> Shift]![index & Mask];
        }
    }

    /// <summary>Appends a value at index <see cref="Count"/>.</summary>
    /// <param name="item">The value.</param>
    public void Add(in T item)
    {
        var chunk = (int)(Count >> Shift);
        if (chunk == _chunks.Length)
        {
            Array.Resize(ref _chunks, _chunks.Length * 2);
        }

        (_chunks[chunk] ??= new T[Size])[Count & Mask] = item;
        Count++;
    }

    /// <summary>Lets go of every whole chunk that lies before <paramref name="index"/>.</summary>
    /// <param name="index">The first index that must stay readable.</param>
    public void DropBefore(long index)
    {
        while (First + Size <= Math.Min(index, Count))
        {
            _chunks[First >> Shift] = null;
            First += Size;
        }
    }
}
