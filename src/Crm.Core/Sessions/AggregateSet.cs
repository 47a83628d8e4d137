using Crm.Customers;
using Crm.Storage;
using Crm.Storage.Querying;

namespace Crm.Sessions;

/// <summary>
/// The aggregates of one family inside a <see cref="CrmSession"/>: load, query, add and remove.
/// Loaded aggregates are tracked: the same id returns the same instance within the session, and
/// changes made through their methods are written by <see cref="CrmSession.CommitAsync"/>.
/// </summary>
/// <typeparam name="TAggregate">The aggregate type.</typeparam>
/// <typeparam name="TData">Its data record.</typeparam>
/// <typeparam name="TId">Its id type.</typeparam>
public abstract class AggregateSet<TAggregate, TData, TId> : ITrackedSet
    where TAggregate : AggregateRoot<TData>
    where TData : AggregateData
    where TId : struct, ITypedId<TId>
{
    private readonly Dictionary<Guid, TAggregate> _tracked = [];
    private readonly HashSet<Guid> _removed = [];

    /// <summary>Creates the set for a session (called by the session's set factory).</summary>
    /// <param name="session">The session.</param>
    protected AggregateSet(CrmSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        Session = session;
    }

    /// <summary>The session this set belongs to.</summary>
    protected CrmSession Session { get; }

    /// <summary>The aggregates tracked by the session (loaded, added or removed).</summary>
    public IEnumerable<TAggregate> Tracked => _tracked.Values;

    /// <summary>The stored aggregates marked for deletion in this session.</summary>
    protected IEnumerable<TAggregate> Removed => _tracked.Where(p => _removed.Contains(p.Key)).Select(p => p.Value);

    /// <summary>Loads an aggregate by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The aggregate, or <see langword="null"/> when the tenant has none with that id (or it was removed in this session).</returns>
    public async Task<TAggregate?> FindAsync(TId id, CancellationToken cancellationToken = default)
    {
        if (_tracked.TryGetValue(id.Value, out var tracked))
        {
            return _removed.Contains(id.Value) ? null : tracked;
        }

        var data = await Session.Services.Store.Records<TData>().FindAsync(Session.Context, id.Value, cancellationToken).ConfigureAwait(false);
        return data is null ? null : Attach(data);
    }

    /// <summary>Loads an aggregate by alternate key (exact value).</summary>
    /// <param name="keyName">The key name.</param>
    /// <param name="value">The key value.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The aggregate, or <see langword="null"/>.</returns>
    public async Task<TAggregate?> FindByAlternateKeyAsync(string keyName, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keyName);
        ArgumentNullException.ThrowIfNull(value);
        var data = await Session.Services.Store.Records<TData>().FindByAlternateKeyAsync(Session.Context, keyName, value, cancellationToken).ConfigureAwait(false);
        if (data is null)
        {
            return null;
        }

        var aggregate = Attach(data);
        return _removed.Contains(data.Key) ? null : aggregate;
    }

    /// <summary>Runs a query and returns one page; invalid queries (unknown fields, wrong value types, bad cursors) return errors.</summary>
    /// <param name="query">The query.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The page, or the errors.</returns>
    public async Task<CrmResult<Page<TAggregate>>> QueryAsync(RecordQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var schema = await Session.SchemaAsync<TData>(cancellationToken).ConfigureAwait(false);
        var validated = QueryValidator.Validate<TData>(query, schema, extraRows: 1);
        if (!validated.IsSuccess)
        {
            return CrmResult<Page<TAggregate>>.Failure(validated.Errors);
        }

        var rows = await QueryExecutor.QueryAsync<TData>(Session.Services.Store, Session.Context, validated.Value, cancellationToken).ConfigureAwait(false);
        // Aggregates removed in this session are not shown, as FindAsync does not show them.
        var items = rows.Take(query.PageSize).Select(Attach).Where(a => !_removed.Contains(a.Data.Key)).ToList();
        var next = rows.Count > query.PageSize
            ? CursorCodec.Encode(RecordQueryEvaluator.PositionOf(rows[query.PageSize - 1], query.Sort), query.Sort)
            : null;
        return CrmResult<Page<TAggregate>>.Success(new Page<TAggregate>(items, next));
    }

    /// <summary>Counts the tenant's records that match a filter (as stored; uncommitted changes are not counted).</summary>
    /// <param name="filter">The filter, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the count.</param>
    /// <returns>The count, or the filter's errors.</returns>
    public async Task<CrmResult<long>> CountAsync(Filter? filter = null, CancellationToken cancellationToken = default)
    {
        var schema = await Session.SchemaAsync<TData>(cancellationToken).ConfigureAwait(false);
        var validated = QueryValidator.ValidateFilter<TData>(filter, schema);
        if (!validated.IsSuccess)
        {
            return CrmResult<long>.Failure(validated.Errors);
        }

        return CrmResult<long>.Success(await QueryExecutor.CountAsync<TData>(Session.Services.Store, Session.Context, validated.Value, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Adds a new aggregate (created with its <c>Create</c> factory) to be inserted on commit.</summary>
    /// <param name="aggregate">The aggregate.</param>
    /// <exception cref="ArgumentException">It belongs to another tenant, is not new, or its id is already tracked.</exception>
    public void Add(TAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (aggregate.Data.TenantId != Session.Context.Tenant)
        {
            throw new ArgumentException($"The {aggregate.Data.EntityType} belongs to tenant '{aggregate.Data.TenantId}', not to the session's tenant '{Session.Context.Tenant}'.", nameof(aggregate));
        }

        if (!aggregate.IsNew)
        {
            throw new ArgumentException($"{aggregate.Data.Ref} is already stored; load it with FindAsync to change it.", nameof(aggregate));
        }

        if (!_tracked.TryAdd(aggregate.Data.Key, aggregate))
        {
            throw new ArgumentException($"{aggregate.Data.Ref} is already tracked by this session.", nameof(aggregate));
        }
    }

    /// <summary>Marks an aggregate for deletion on commit (an added one is simply dropped).</summary>
    /// <param name="aggregate">The aggregate, loaded or added in this session.</param>
    /// <exception cref="ArgumentException">The aggregate is not tracked by this session.</exception>
    public void Remove(TAggregate aggregate)
    {
        ArgumentNullException.ThrowIfNull(aggregate);
        if (!_tracked.TryGetValue(aggregate.Data.Key, out var tracked) || !ReferenceEquals(tracked, aggregate))
        {
            throw new ArgumentException($"{aggregate.Data.Ref} is not tracked by this session; load it with FindAsync first.", nameof(aggregate));
        }

        if (aggregate.IsNew)
        {
            _tracked.Remove(aggregate.Data.Key);
        }
        else
        {
            _removed.Add(aggregate.Data.Key);
        }
    }

    /// <summary>Tracks stored data loaded outside <see cref="FindAsync"/> (batch lookups); returns the tracked instance.</summary>
    internal TAggregate AttachLoaded(TData data) => Attach(data);

    /// <summary>Stops tracking an aggregate: its pending changes are dropped from the session.</summary>
    internal void Detach(TAggregate aggregate) => Forget(aggregate.Data.Key);

    /// <summary>The tracked aggregate with an id, removed or not.</summary>
    internal TAggregate? TrackedOrNull(Guid id) => _tracked.GetValueOrDefault(id);

    /// <summary>Takes back a <see cref="Remove"/> of a stored aggregate.</summary>
    internal void Restore(TAggregate aggregate) => _removed.Remove(aggregate.Data.Key);

    /// <summary>Whether this set tracks exactly this aggregate instance.</summary>
    internal bool Tracks(TAggregate aggregate) => _tracked.TryGetValue(aggregate.Data.Key, out var tracked) && ReferenceEquals(tracked, aggregate);

    /// <summary>Wraps stored data in an aggregate.</summary>
    /// <param name="data">The data.</param>
    /// <returns>The aggregate.</returns>
    protected abstract TAggregate Wrap(TData data);

    IEnumerable<PendingChange> ITrackedSet.PendingChanges()
    {
        foreach (var (id, aggregate) in _tracked)
        {
            if (_removed.Contains(id))
            {
                yield return new PendingChange(WriteKind.Delete, aggregate.Data, aggregate.Original, aggregate.Version, Events(aggregate.PendingEvents, aggregate.DeletedEvent()), this, aggregate);
            }
            else if (aggregate.IsNew)
            {
                yield return new PendingChange(WriteKind.Insert, aggregate.Data, null, 0, Events([], aggregate.CreatedEvent(), aggregate.PendingEvents), this, aggregate);
            }
            else if (aggregate.HasChanges)
            {
                yield return new PendingChange(WriteKind.Update, aggregate.Data, aggregate.Original, aggregate.Version, Events(aggregate.PendingEvents, aggregate.UpdatedEvent()), this, aggregate);
            }
        }
    }

    void ITrackedSet.Committed(PendingChange change, AggregateData? committed)
    {
        if (change.Kind == WriteKind.Delete)
        {
            Forget(change.Data.Key);
        }
        else
        {
            ((TAggregate)change.Aggregate!).MarkCommitted((TData)committed!);
        }
    }

    // An insert without events of its own (nearly every row of an import) gets a one-element list.
    private static IReadOnlyList<Events.IDomainEvent> Events(IReadOnlyList<Events.IDomainEvent> before, Events.IDomainEvent? own, IReadOnlyList<Events.IDomainEvent>? after = null) =>
        before.Count == 0 && (after is null || after.Count == 0) ? (own is null ? [] : [own])
        : own is null ? [.. before, .. after ?? []] : [.. before, own, .. after ?? []];

    private void Forget(Guid id)
    {
        _tracked.Remove(id);
        _removed.Remove(id);
    }

    private TAggregate Attach(TData data)
    {
        if (data.TenantId != Session.Context.Tenant)
        {
            // The store broke the tenancy rule; refuse rather than hand out another tenant's record.
            throw new InvalidOperationException($"The store returned {data.Ref} of tenant '{data.TenantId}' to a session of tenant '{Session.Context.Tenant}'.");
        }

        if (_tracked.TryGetValue(data.Key, out var tracked))
        {
            return tracked;
        }

        var aggregate = Wrap(data);
        _tracked.Add(data.Key, aggregate);
        return aggregate;
    }
}
