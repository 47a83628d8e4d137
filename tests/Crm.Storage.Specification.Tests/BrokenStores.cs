using Crm.Customers;
using Crm.CustomFields;
using Crm.Storage;
using Crm.Storage.InMemory;

namespace Crm.Storage.Specification.Tests;

/// <summary>Stores with one deliberate defect each, built over the correct in-memory store.</summary>
internal static class BrokenStores
{
    /// <summary>Passes every call through; subclasses override the one they break.</summary>
    internal class Decorator(ICrmStore inner) : ICrmStore
    {
        protected ICrmStore Inner { get; } = inner;

        public IOutboxStore Outbox => Inner.Outbox;

        public virtual IRecordReader<TData> Records<TData>() where TData : AggregateData => Inner.Records<TData>();

        public virtual ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken) =>
            Inner.CommitAsync(context, request, cancellationToken);

        public ValueTask<IReadOnlyList<ChangeFeedEntry>> ReadChangesAsync(OperationContext context, long afterPosition, int maxCount, CancellationToken cancellationToken) =>
            Inner.ReadChangesAsync(context, afterPosition, maxCount, cancellationToken);
    }

    /// <summary>Ignores expected versions: every update overwrites whatever is stored (last writer wins).</summary>
    internal sealed class NoVersionCheck(ICrmStore inner) : Decorator(inner)
    {
        public override async ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken)
        {
            var writes = new List<StagedWrite>();
            foreach (var write in request.Writes)
            {
                var stored = write.Kind == WriteKind.Insert ? null : await FindAsync(context, write.Record, cancellationToken);
                writes.Add(stored is null ? write : write with { ExpectedVersion = stored.Version, Data = write.Data is null ? null : write.Data with { Version = stored.Version + 1 } });
            }

            return await Inner.CommitAsync(context, request with { Writes = writes }, cancellationToken);
        }

        private async ValueTask<AggregateData?> FindAsync(OperationContext context, RecordRef record, CancellationToken cancellationToken) =>
            record.EntityType == EntityTypes.Contact
                ? await Inner.Records<ContactData>().FindAsync(context, record.Id, cancellationToken)
                : await Inner.Records<AccountData>().FindAsync(context, record.Id, cancellationToken);
    }

    /// <summary>Looks an alternate key up in every tenant it has seen when the caller's tenant has no match.</summary>
    internal sealed class TenantBlindAlternateKeys(ICrmStore inner) : Decorator(inner)
    {
        private readonly HashSet<TenantId> _tenants = [];

        public override IRecordReader<TData> Records<TData>() => new Reader<TData>(Inner.Records<TData>(), _tenants);

        public override ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken)
        {
            lock (_tenants)
            {
                _tenants.Add(context.Tenant);
            }

            return base.CommitAsync(context, request, cancellationToken);
        }

        private sealed class Reader<TData>(IRecordReader<TData> inner, HashSet<TenantId> tenants) : IRecordReader<TData> where TData : AggregateData
        {
            public ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken) => inner.FindAsync(context, id, cancellationToken);

            public async ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken)
            {
                TenantId[] known;
                lock (tenants)
                {
                    known = [context.Tenant, .. tenants];
                }

                foreach (var tenant in known)
                {
                    var found = await inner.FindByAlternateKeyAsync(context with { Tenant = tenant }, keyName, value, cancellationToken);
                    if (found is not null)
                    {
                        return found;
                    }
                }

                return null;
            }

            public ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken) =>
                inner.ScanAsync(context, afterId, limit, cancellationToken);
        }
    }

    /// <summary>Applies a commit's writes one by one: those before a failing write stay written.</summary>
    internal sealed class PartialCommit(ICrmStore inner) : Decorator(inner)
    {
        public override async ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken)
        {
            var outcomes = new List<WriteOutcome>();
            long position = 0;
            for (var i = 0; i < request.Writes.Count; i++)
            {
                var single = new CommitRequest([request.Writes[i]], i == 0 ? request.Outbox : [], null, request.CommittedAt);
                var result = await Inner.CommitAsync(context, single, cancellationToken);
                outcomes.AddRange(result.Outcomes);
                position = Math.Max(position, result.Position);
            }

            return new CommitResult(outcomes, position);
        }
    }

    /// <summary>
    /// Keeps each record's custom fields in one mutable dictionary that it hands out and later
    /// updates in place, as a naive store handing out its own tracked objects would.
    /// </summary>
    internal sealed class SharedMutableObjects(ICrmStore inner) : Decorator(inner)
    {
        private readonly Dictionary<Guid, Dictionary<string, ScalarValue>> _live = [];

        public override IRecordReader<TData> Records<TData>() => new Reader<TData>(Inner.Records<TData>(), this);

        public override async ValueTask<CommitResult> CommitAsync(OperationContext context, CommitRequest request, CancellationToken cancellationToken)
        {
            var result = await Inner.CommitAsync(context, request, cancellationToken);
            if (result.Committed)
            {
                foreach (var write in request.Writes.Where(w => w.Data is not null))
                {
                    var fields = Live(write.Data!);
                    fields.Clear();
                    foreach (var (name, value) in write.Data!.CustomFields)
                    {
                        fields[name] = value;
                    }
                }
            }

            return result;
        }

        private Dictionary<string, ScalarValue> Live(AggregateData data)
        {
            lock (_live)
            {
                if (!_live.TryGetValue(data.Key, out var fields))
                {
                    fields = new Dictionary<string, ScalarValue>(data.CustomFields, StringComparer.Ordinal);
                    _live[data.Key] = fields;
                }

                return fields;
            }
        }

        private TData Share<TData>(TData data) where TData : AggregateData => (TData)(data with { CustomFields = Live(data) });

        private sealed class Reader<TData>(IRecordReader<TData> inner, SharedMutableObjects store) : IRecordReader<TData> where TData : AggregateData
        {
            public async ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken) =>
                await inner.FindAsync(context, id, cancellationToken) is { } data ? store.Share(data) : null;

            public async ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken) =>
                await inner.FindByAlternateKeyAsync(context, keyName, value, cancellationToken) is { } data ? store.Share(data) : null;

            public async ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken) =>
                [.. (await inner.ScanAsync(context, afterId, limit, cancellationToken)).Select(store.Share)];
        }
    }

    /// <summary>
    /// Pushes queries down but continues a keyset page by the sort values alone, forgetting the id
    /// tie-break (<c>occurred_at &lt; @last</c> instead of comparing (occurred_at, id)): records that
    /// tie with the last one of a page are skipped.
    /// </summary>
    internal sealed class KeysetWithoutIdTieBreak(ICrmStore inner) : Decorator(inner)
    {
        private static readonly Guid Largest = new("ffffffff-ffff-ffff-ffff-ffffffffffff");

        public override IRecordReader<TData> Records<TData>() => new Reader<TData>(Inner.Records<TData>());

        private sealed class Reader<TData>(IRecordReader<TData> inner) : IRecordQueryable<TData> where TData : AggregateData
        {
            public ValueTask<TData?> FindAsync(OperationContext context, Guid id, CancellationToken cancellationToken) => inner.FindAsync(context, id, cancellationToken);

            public ValueTask<TData?> FindByAlternateKeyAsync(OperationContext context, string keyName, string value, CancellationToken cancellationToken) =>
                inner.FindByAlternateKeyAsync(context, keyName, value, cancellationToken);

            public ValueTask<IReadOnlyList<TData>> ScanAsync(OperationContext context, Guid? afterId, int limit, CancellationToken cancellationToken) =>
                inner.ScanAsync(context, afterId, limit, cancellationToken);

            public bool CanEvaluate(Querying.StoreQuery query) => true;

            public async ValueTask<IReadOnlyList<TData>> QueryAsync(OperationContext context, Querying.StoreQuery query, CancellationToken cancellationToken)
            {
                var broken = query.After is null ? query : query with { After = query.After with { Id = Largest } };
                return Querying.RecordQueryEvaluator.Evaluate(await AllAsync(context, cancellationToken), broken);
            }

            public async ValueTask<long> CountAsync(OperationContext context, Querying.Filter? filter, CancellationToken cancellationToken) =>
                (await AllAsync(context, cancellationToken)).Count(Querying.RecordQueryEvaluator.CompilePredicate<TData>(filter));

            private async Task<List<TData>> AllAsync(OperationContext context, CancellationToken cancellationToken)
            {
                var all = new List<TData>();
                Guid? after = null;
                while (true)
                {
                    var batch = await inner.ScanAsync(context, after, 1000, cancellationToken);
                    all.AddRange(batch);
                    if (batch.Count < 1000)
                    {
                        return all;
                    }

                    after = batch[^1].Key;
                }
            }
        }
    }

    public static ICrmStore Correct(NodaTime.IClock clock) => new InMemoryCrmStore(clock);
}
