using System.Diagnostics;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Diagnostics;
using Crm.Storage;
using Crm.Storage.Querying;

namespace Crm.Sessions;

/// <summary>
/// One unit of work in one operation context: load and query aggregates, change them through
/// their methods, add and remove them, then <see cref="CommitAsync"/> everything atomically.
/// Not thread-safe; open one per operation.
/// </summary>
public sealed class CrmSession
{
    private readonly Dictionary<string, CustomFieldSchema> _schemas = new(StringComparer.Ordinal);
    // Sets are created on first use (a read-only session creates none) and collected in the order of
    // this list, built-in families first: accounts, contacts, purchases, activities, bodies.
    private readonly List<ITrackedSet> _sets = [];
    private AccountSet? _accounts;
    private ContactSet? _contacts;
    private global::Crm.Purchases.PurchaseSet? _purchases;
    private Timeline.ActivitySet? _activities;
    private readonly Dictionary<Type, object> _setsByType = [];
    private TenantSettings? _settings;
    private Views.CustomerViews? _views;

    internal CrmSession(OperationContext context, SessionServices services)
    {
        Context = context;
        Services = services;
    }

    /// <summary>The tenant and principal this unit of work runs as.</summary>
    public OperationContext Context { get; }

    /// <summary>The contacts.</summary>
    public ContactSet Contacts => _contacts ??= Track(new ContactSet(this));

    /// <summary>The accounts.</summary>
    public AccountSet Accounts => _accounts ??= Track(new AccountSet(this));

    /// <summary>The purchase history (ERP orders, upserted by their keys).</summary>
    public global::Crm.Purchases.PurchaseSet Purchases => _purchases ??= Track(new global::Crm.Purchases.PurchaseSet(this));

    /// <summary>The activity timeline (calls, emails, meetings, chats, visits, notes, tasks).</summary>
    public Timeline.ActivitySet Activities => _activities ??= Track(new Timeline.ActivitySet(this, Track(new Timeline.ActivityBodySet(this))));

    /// <summary>Read-only views over the customer model: the 360 view of an account or a contact, group roll-ups.</summary>
    public Views.CustomerViews Views => _views ??= new Views.CustomerViews(this);

    internal SessionServices Services { get; }

    /// <summary>The current time from the SDK's clock, to the microsecond.</summary>
    public NodaTime.Instant Now => Services.Clock.GetCurrentInstant().ToMicroseconds();

    /// <summary>The session's tenant's settings (time zone, currency, phone region), from the host's <see cref="ITenantSettingsProvider"/>.</summary>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The settings.</returns>
    public ValueTask<TenantSettings> GetTenantSettingsAsync(CancellationToken cancellationToken = default) =>
        Services.TenantSettings.GetSettingsAsync(Context.Tenant, cancellationToken);

    /// <summary>The set of another aggregate family a module registered with <c>crm.AddAggregateSet</c>.</summary>
    /// <typeparam name="TSet">The set type.</typeparam>
    /// <returns>The session's set (one instance per session).</returns>
    /// <exception cref="InvalidOperationException">No such set is registered.</exception>
    public TSet Set<TSet>() where TSet : class
    {
        if (_setsByType.TryGetValue(typeof(TSet), out var existing))
        {
            return (TSet)existing;
        }

        if (BuiltIn(typeof(TSet)) is { } builtIn)
        {
            return (TSet)builtIn;
        }

        if (!Services.Sets.TryGet(typeof(TSet), out var factory))
        {
            throw new InvalidOperationException($"No aggregate set {typeof(TSet).Name} is registered; add it with crm.AddAggregateSet(session => new {typeof(TSet).Name}(session)).");
        }

        var set = (TSet)factory(this);
        Track((ITrackedSet)set);
        _setsByType[typeof(TSet)] = set;
        return set;
    }

    /// <summary>A new UUIDv7 from the SDK's id generator, for the id of a new aggregate.</summary>
    /// <returns>The id.</returns>
    public Guid NewId() => Services.Ids.NewGuid();

    /// <summary>
    /// Validates every added and changed aggregate, then commits all changes atomically with their
    /// domain events. On failure nothing is written and every problem is returned at once:
    /// validation errors with their paths, or per record a concurrency conflict, a duplicate key, a
    /// record that no longer exists or a refused delete. On success the aggregates take their new
    /// versions and stay usable for further changes.
    /// </summary>
    /// <param name="idempotencyKey">A key for this commit (1–200 characters); retrying with the same key after an unknown outcome does not apply it twice.</param>
    /// <param name="cancellationToken">Cancels before the store commit starts.</param>
    /// <returns>The summary, or the errors.</returns>
    public async Task<CrmResult<CommitSummary>> CommitAsync(string? idempotencyKey = null, CancellationToken cancellationToken = default)
    {
        if (idempotencyKey is { Length: 0 or > 200 })
        {
            throw new ArgumentException("An idempotency key must be 1–200 characters.", nameof(idempotencyKey));
        }

        using var activity = Services.Telemetry.ActivitySource.StartActivity("crm.commit");
        activity?.SetTag("crm.tenant", Context.Tenant.Value);
        var started = Stopwatch.GetTimestamp();
        var changes = await CollectChangesAsync(cancellationToken).ConfigureAwait(false);
        if (changes.Count == 0)
        {
            return CrmResult<CommitSummary>.Success(new CommitSummary(0, false, []));
        }

        var now = Services.Clock.GetCurrentInstant().ToMicroseconds();
        var errors = new List<CrmError>();
        var hookScope = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.CreateAsyncScope(Services.Scopes);
        await using var disposeHooks = hookScope.ConfigureAwait(false);
        var hooks = Services.Hooks(hookScope.ServiceProvider);
        if (hooks.Count > 0)
        {
            // Pre-operation: hooks see the changes as staged and may enrich them or stage more.
            var context = new Hooks.CommitHookContext(this, [.. changes.Select(c => new Hooks.StagedChange(c.Kind, c.Data, c.Original))], errors);
            foreach (var hook in hooks)
            {
                await hook.BeforeValidationAsync(context, cancellationToken).ConfigureAwait(false);
            }

            if (errors.Count > 0)
            {
                return Finish(CrmResult<CommitSummary>.Failure(errors), "invalid", started, activity);
            }

            changes = await CollectChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        var writes = new List<StagedWrite>(changes.Count);
        var outbox = new List<OutboxMessage>();
        var committedData = new List<AggregateData?>(changes.Count);
        await PrepareAsync(changes, 0, now, errors, writes, outbox, committedData, cancellationToken).ConfigureAwait(false);
        if (hooks.Count > 0 && errors.Count == 0)
        {
            // Post-operation: hooks see the records as they will be written; what they stage joins this commit.
            var context = new Hooks.CommitHookContext(this, [.. changes.Select((c, i) => new Hooks.StagedChange(c.Kind, committedData[i] ?? c.Data, c.Original))], errors);
            foreach (var hook in hooks)
            {
                await hook.AfterValidationAsync(context, cancellationToken).ConfigureAwait(false);
            }

            var known = changes.ToDictionary(c => c.Data.Ref);
            var extra = new List<PendingChange>();
            var still = 0;
            foreach (var change in await CollectChangesAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!known.TryGetValue(change.Data.Ref, out var before))
                {
                    extra.Add(change);
                    continue;
                }

                still++;
                if (!ReferenceEquals(before.Data, change.Data) || before.Kind != change.Kind || before.Events.Count != change.Events.Count)
                {
                    throw new InvalidOperationException($"A post-operation hook changed {change.Data.Ref}, which is already in the commit; change records of the commit in BeforeValidationAsync.");
                }
            }

            if (still != changes.Count)
            {
                throw new InvalidOperationException("A post-operation hook removed a record that is already in the commit; do that in BeforeValidationAsync.");
            }

            var first = changes.Count;
            changes.AddRange(extra);
            await PrepareAsync(changes, first, now, errors, writes, outbox, committedData, cancellationToken).ConfigureAwait(false);
            if (extra.Count > 0)
            {
                KeepDeletesLast(changes, writes, committedData);
            }
        }

        // Checked on the prepared records: their lists are guarded (no nulls) and normalised.
        await ReferenceChecks.CheckDeletesAsync(Services.Store, Context, changes, committedData, errors, cancellationToken).ConfigureAwait(false);
        await ReferenceChecks.CheckTargetsExistAsync(Services.Store, Context, changes, committedData, errors, cancellationToken).ConfigureAwait(false);
        if (errors.Count > 0)
        {
            Log.CommitInvalid(Services.Logger, Context.Tenant, errors.Count);
            return Finish(CrmResult<CommitSummary>.Failure(errors), "invalid", started, activity);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var result = await Services.Store.CommitAsync(Context, new CommitRequest(writes, outbox, idempotencyKey, now), CancellationToken.None).ConfigureAwait(false);
        if (!result.Committed)
        {
            var storeErrors = result.Outcomes.Where(o => o.Status != WriteStatus.Written && o.Status != WriteStatus.NotApplied).Select(ToError).ToList();
            if (storeErrors.Count == 0)
            {
                storeErrors.Add(new CrmError(CrmErrorCodes.NotApplied, "The store refused the commit without naming a failing record; nothing was written."));
            }

            Log.CommitFailed(Services.Logger, Context.Tenant, string.Join("; ", storeErrors));
            return Finish(CrmResult<CommitSummary>.Failure(storeErrors), "conflict", started, activity);
        }

        // A replayed key returns the first commit's outcomes: only records written then are committed now;
        // anything else staged in this session (e.g. a retry that created new ids) stays pending.
        var written = result.Replayed ? result.Outcomes.Select(o => o.Record).ToHashSet() : null;
        for (var i = 0; i < changes.Count; i++)
        {
            if (written is null || written.Contains(writes[i].Record))
            {
                changes[i].OnCommitted(committedData[i]);
            }
        }

        if (result.Replayed)
        {
            Log.CommitReplayed(Services.Logger, Context.Tenant, idempotencyKey!);
        }
        else
        {
            Services.Telemetry.RecordsWritten.Add(writes.Count);
            Log.Committed(Services.Logger, writes.Count, Context.Tenant, result.Position);
        }

        var records = new RecordRef[result.Outcomes.Count];
        for (var i = 0; i < records.Length; i++)
        {
            records[i] = result.Outcomes[i].Record;
        }

        var summary = new CommitSummary(result.Position, result.Replayed, records);
        return Finish(CrmResult<CommitSummary>.Success(summary), result.Replayed ? "replayed" : "committed", started, activity);
    }

    /// <summary>Whether any tracked aggregate has a change to commit.</summary>
    internal bool HasPendingChanges() => _sets.Any(set => set.PendingChanges().Any());

    /// <summary>Reads the tenant's change feed after a position (see <see cref="ChangeFeedEntry"/>).</summary>
    /// <param name="afterPosition">The last position processed (0 for the start).</param>
    /// <param name="maxCount">The most entries (1–10,000).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries in order.</returns>
    public async Task<IReadOnlyList<ChangeFeedEntry>> ReadChangesAsync(long afterPosition, int maxCount = 1000, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxCount, 10_000);
        return await Services.Store.ReadChangesAsync(Context, afterPosition, maxCount, cancellationToken).ConfigureAwait(false);
    }

    internal ValueTask<CustomFieldSchema> SchemaAsync<TData>(CancellationToken cancellationToken) where TData : AggregateData =>
        SchemaAsync(RecordFields.EntityTypeOf<TData>(), cancellationToken);

    private async ValueTask<CustomFieldSchema> SchemaAsync(string entityType, CancellationToken cancellationToken)
    {
        if (!_schemas.TryGetValue(entityType, out var schema))
        {
            schema = await Services.Schemas.GetSchemaAsync(Context.Tenant, entityType, cancellationToken).ConfigureAwait(false);
            _schemas[entityType] = schema;
        }

        return schema;
    }

    // Cascades first (an activity removed by the caller or by a hook takes its body along), then the
    // changes: inserts and updates in family order (what is referenced before what refers to it),
    // deletes after them in reverse family order (what refers before what it references), the order
    // a relational store with foreign keys needs.
    private async ValueTask<List<PendingChange>> CollectChangesAsync(CancellationToken cancellationToken)
    {
        foreach (var cascading in _sets.OfType<ICascadingSet>().ToList())
        {
            await cascading.CascadeDeletesAsync(cancellationToken).ConfigureAwait(false);
        }

        var all = _sets.OrderBy(FamilyOrder).SelectMany(s => s.PendingChanges()).ToList();
        return [.. all.Where(c => c.Kind != WriteKind.Delete), .. all.Where(c => c.Kind == WriteKind.Delete).Reverse()];
    }

    // Records a post-operation hook adds are inserts and updates: move them before the commit's
    // deletes, keeping the three lists aligned, so deletes still come last.
    private static void KeepDeletesLast(List<PendingChange> changes, List<StagedWrite> writes, List<AggregateData?> committedData)
    {
        var order = Enumerable.Range(0, changes.Count).OrderBy(i => changes[i].Kind == WriteKind.Delete ? 1 : 0).ToArray();
        var (c, w, d) = (changes.ToArray(), writes.ToArray(), committedData.ToArray());
        for (var i = 0; i < order.Length; i++)
        {
            (changes[i], writes[i], committedData[i]) = (c[order[i]], w[order[i]], d[order[i]]);
        }
    }

    private static int FamilyOrder(ITrackedSet set) => set switch
    {
        AccountSet => 0,
        ContactSet => 1,
        global::Crm.Purchases.PurchaseSet => 2,
        Timeline.ActivitySet => 3,
        Timeline.ActivityBodySet => 4,
        _ => 5, // module families, in the order they were first used (OrderBy is stable)
    };

    private object? BuiltIn(Type type) =>
        type == typeof(AccountSet) ? Accounts
        : type == typeof(ContactSet) ? Contacts
        : type == typeof(global::Crm.Purchases.PurchaseSet) ? Purchases
        : type == typeof(Timeline.ActivitySet) ? Activities
        : null;

    private async Task PrepareAsync(
        List<PendingChange> changes,
        int from,
        NodaTime.Instant now,
        List<CrmError> errors,
        List<StagedWrite> writes,
        List<OutboxMessage> outbox,
        List<AggregateData?> committedData,
        CancellationToken cancellationToken)
    {
        var settings = await SettingsAsync(cancellationToken).ConfigureAwait(false);
        for (var i = from; i < changes.Count; i++)
        {
            var change = changes[i];
            AggregateData? data = null;
            if (change.Kind != WriteKind.Delete)
            {
                var schema = await SchemaAsync(change.Data.EntityType, cancellationToken).ConfigureAwait(false);
                data = Services.Preparer.Prepare(change.Data, change.ExpectedVersion + 1, change.Kind == WriteKind.Insert ? now : change.Data.CreatedAt, now, settings, schema, errors);
            }

            committedData.Add(data);
            writes.Add(new StagedWrite(change.Kind, change.Data.Ref, change.ExpectedVersion, data));
            for (var e = 0; e < change.Events.Count; e++)
            {
                var domainEvent = change.Events[e];
                outbox.Add(new OutboxMessage(
                    Services.Ids.NewGuid(),
                    Context.Tenant,
                    Services.EventTypes.NameOf(domainEvent.GetType()),
                    domainEvent.Subject,
                    now,
                    Events.EventPayloads.Serialize(domainEvent)));
            }
        }
    }

    private TSet Track<TSet>(TSet set) where TSet : ITrackedSet
    {
        _sets.Add(set);
        return set;
    }

    private async ValueTask<TenantSettings> SettingsAsync(CancellationToken cancellationToken) =>
        _settings ??= await Services.TenantSettings.GetSettingsAsync(Context.Tenant, cancellationToken).ConfigureAwait(false);

    private CrmResult<CommitSummary> Finish(CrmResult<CommitSummary> result, string outcome, long started, Activity? activity)
    {
        Services.Telemetry.Commits.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        Services.Telemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        activity?.SetTag("crm.outcome", outcome);
        return result;
    }

    private static CrmError ToError(WriteOutcome outcome) => outcome.Status switch
    {
        WriteStatus.ConcurrencyConflict => new CrmError(
            CrmErrorCodes.ConcurrencyConflict,
            $"The record was changed by someone else (stored version {outcome.StoredVersion}). Reload it and apply the change again.",
            null,
            outcome.Record),
        WriteStatus.NotFound => new CrmError(CrmErrorCodes.NotFound, "The record does not exist (any more).", null, outcome.Record),
        WriteStatus.HierarchyCycle => new CrmError(CrmErrorCodes.HierarchyCycle, "The new parent is the record itself or one of its descendants; the parent chain would loop.", "parentAccountId", outcome.Record),
        WriteStatus.DuplicateKey => new CrmError(CrmErrorCodes.DuplicateKey, $"Another record of the tenant already has the key {outcome.Detail}.", outcome.Detail == "id" ? "id" : "alternateKeys", outcome.Record),
        _ => new CrmError(CrmErrorCodes.NotApplied, "The record was not written.", null, outcome.Record),
    };
}
