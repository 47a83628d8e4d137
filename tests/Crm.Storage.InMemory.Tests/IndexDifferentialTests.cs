using Crm.CustomFields;
using Crm.Storage.Querying;
using Crm.Timeline;
using CsCheck;
using NodaTime;
using NodaTime.Testing;

namespace Crm.Storage.InMemory.Tests;

/// <summary>
/// Differential tests of the in-memory store's indexes: after a random history of inserts,
/// updates (that move records between index values and positions) and deletes, every query the
/// indexes answer — pages by keyset, with extra conditions, with another sort, counts — returns
/// exactly what the reference evaluator returns over all records.
/// </summary>
public sealed class IndexDifferentialTests
{
    private static readonly TenantId Tenant = new("diff");
    private static readonly OperationContext Context = OperationContext.ForSystem(Tenant);
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly RecordRef[] Records = [new("account", Guid.Parse("00000000-0000-7000-8000-00000000000a")), new("contact", Guid.Parse("00000000-0000-7000-8000-00000000000c")), new("contact", Guid.Parse("00000000-0000-7000-8000-00000000000d"))];

    // An operation: 0 insert, 1 update, 2 delete; a target (index among live records); random attributes.
    private static readonly Gen<(int Kind, int Target, int Hour, int Links, bool Task, bool Open, int Due)> Operation =
        Gen.Select(Gen.Int[0, 2], Gen.Int[0, 50], Gen.Int[0, 5], Gen.Int[0, 7], Gen.Bool, Gen.Bool, Gen.Int[-1, 3]);

    [Fact]
    public void Indexed_queries_equal_full_evaluation_after_random_histories() =>
        Operation.Array[1, 60].Sample(operations =>
        {
            var store = new InMemoryCrmStore(new FakeClock(Start));
            var live = new List<ActivityData>();
            var next = 1;
            foreach (var (kind, target, hour, links, task, open, due) in operations)
            {
                if (kind == 0 || live.Count == 0)
                {
                    var id = new Guid($"00000000-0000-7000-8000-{next++:x12}");
                    var data = Shape(new ActivityData { Id = ActivityId.FromGuid(id), TenantId = Tenant, Version = 1, Subject = $"S{next % 4}" }, hour, links, task, open, due);
                    Commit(store, WriteKind.Insert, data, 0);
                    live.Add(data);
                }
                else if (kind == 1)
                {
                    var old = live[target % live.Count];
                    var data = Shape(old with { Version = old.Version + 1 }, hour, links, task, open, due);
                    Commit(store, WriteKind.Update, data, old.Version);
                    live[target % live.Count] = data;
                }
                else
                {
                    var old = live[target % live.Count];
                    Commit(store, WriteKind.Delete, old, old.Version);
                    live.Remove(old);
                }
            }

            var reader = (IRecordQueryable<ActivityData>)store.Records<ActivityData>();
            foreach (var record in Records)
            {
                var key = ScalarValue.Text(record.ToString());
                Filter[] filters =
                [
                    Filter.Equal("records", key),
                    Filter.Equal("openTaskRecords", key),
                    Filter.Equal("records", key) & Filter.Equal("kind", "task"),
                    Filter.In("records", key),
                ];
                IReadOnlyList<SortKey>[] sorts = [[SortKey.Descending("occurredAt")], [SortKey.Ascending("dueAt")], [SortKey.Ascending("subject")], []];
                foreach (var filter in filters)
                {
                    Assert.Equal(RecordQueryEvaluator.Evaluate(live, new StoreQuery(filter, [], null, int.MaxValue)).Count, Done(reader.CountAsync(Context, filter, default)));
                    foreach (var sort in sorts)
                    {
                        AssertSamePages(reader, live, filter, sort);
                    }
                }
            }
        }, iter: 300);

    private static void AssertSamePages(IRecordQueryable<ActivityData> reader, List<ActivityData> live, Filter filter, IReadOnlyList<SortKey> sort)
    {
        var expected = RecordQueryEvaluator.Evaluate(live, new StoreQuery(filter, sort, null, int.MaxValue)).Select(a => a.Id).ToList();
        var actual = new List<ActivityId>();
        KeysetPosition? after = null;
        while (true)
        {
            var page = Done(reader.QueryAsync(Context, new StoreQuery(filter, sort, after, 3), default));
            actual.AddRange(page.Select(a => a.Id));
            if (page.Count < 3)
            {
                break;
            }

            after = RecordQueryEvaluator.PositionOf(page[^1], sort);
        }

        Assert.Equal(expected, actual);
    }

    private static ActivityData Shape(ActivityData data, int hour, int links, bool task, bool open, int due) => data with
    {
        // Few distinct hours and due days, so sort values tie and the id decides.
        OccurredAt = Start + Duration.FromHours(hour),
        Links = [.. Records.Where((_, i) => (links & (1 << i)) != 0)],
        Kind = task ? ActivityKind.Task : ActivityKind.Call,
        Status = open ? ActivityStatus.Open : ActivityStatus.Completed,
        DueAt = due < 0 ? null : Start + Duration.FromDays(due),
    };

    private static void Commit(InMemoryCrmStore store, WriteKind kind, ActivityData data, long expectedVersion)
    {
        var result = Done(store.CommitAsync(Context, new CommitRequest([new StagedWrite(kind, data.Ref, expectedVersion, kind == WriteKind.Delete ? null : data)], [], null, Start), default));
        Assert.True(result.Committed, string.Join(", ", result.Outcomes));
    }

    // The in-memory store completes synchronously; the property runs hundreds of histories without awaiting.
    private static T Done<T>(ValueTask<T> task) => task.AsTask().GetAwaiter().GetResult();
}
