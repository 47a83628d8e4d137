using Crm.Storage.InMemory;

namespace Crm.Storage.InMemory.Tests;

public sealed class ChunkedListTests
{
    [Fact]
    public void Values_across_chunk_boundaries_read_back_by_absolute_index_and_change_in_place()
    {
        var list = new ChunkedList<long>();
        for (var i = 0L; i < 5_000; i++)
        {
            list.Add(i * 3);
        }

        Assert.Equal(5_000, list.Count);
        foreach (var index in new long[] { 0, 1_023, 1_024, 1_025, 4_095, 4_096, 4_999 })
        {
            Assert.Equal(index * 3, list[index]);
        }

        list[1_024] = -1;
        Assert.Equal(-1, list[1_024]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[5_000]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[-1]);
    }

    [Fact]
    public void Dropping_lets_go_of_whole_chunks_only_and_keeps_every_later_value()
    {
        var list = new ChunkedList<int>();
        for (var i = 0; i < 3_000; i++)
        {
            list.Add(i);
        }

        list.DropBefore(1_023);
        Assert.Equal(0, list.First); // the first chunk still holds index 1,023
        list.DropBefore(2_100);
        Assert.Equal(2_048, list.First);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[2_047]);
        Assert.Equal(2_048, list[2_048]);
        Assert.Equal(2_999, list[2_999]);

        // Dropping past the end never drops the chunk values are still appended to.
        list.DropBefore(10_000);
        Assert.Equal(2_048, list.First);
        list.Add(3_000);
        Assert.Equal(3_000, list[3_000]);
        Assert.Equal(3_001, list.Count);
    }
}
