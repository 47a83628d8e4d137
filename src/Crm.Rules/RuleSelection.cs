using System.Runtime.CompilerServices;
using Crm.Customers;
using Crm.Rules.Pushdown;
using Crm.Sessions;
using Crm.Storage;
using Crm.Storage.Querying;

namespace Crm.Rules;

/// <summary>Selecting records with a rule through a session: what the store can answer is pushed into its query.</summary>
public static class RuleSelection
{
    private const int PageSize = 1_000;

    /// <summary>
    /// The constructs <see cref="ToStoreFilter{TData}"/> pushes into the storage filter model, on
    /// fields the record type declares; everything else is decided by the re-check. (SQL over JSON
    /// documents publishes its own: <see cref="RuleSql.Constructs"/>.)
    /// </summary>
    public static IReadOnlyList<string> PushedConstructs => FilterPushdown.Constructs;

    /// <summary>
    /// The storage filter that selects a superset of the records a rule matches, built from the
    /// rule's pushable conjuncts (docs/rules.md, "Pushdown"); null when none pushes down.
    /// </summary>
    /// <typeparam name="TData">The record type.</typeparam>
    /// <param name="rule">The compiled rule.</param>
    /// <param name="context">The run's time: <c>now()</c> and <c>today()</c> are folded into the filter.</param>
    /// <returns>The filter, or null.</returns>
    public static Filter? ToStoreFilter<TData>(this CompiledRule<TData> rule, RuleEvaluationContext context)
        where TData : AggregateData
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(context);
        return FilterPushdown.Translate<TData>(rule.Bound, context.State);
    }

    /// <summary>
    /// Every stored aggregate the rule matches: the store runs the pushed filter (paged by id), then
    /// the whole rule runs over each returned record. Records the rule cannot evaluate (division by
    /// zero, overflow) are not returned.
    /// </summary>
    /// <typeparam name="TAggregate">The aggregate.</typeparam>
    /// <typeparam name="TData">Its data record.</typeparam>
    /// <typeparam name="TId">Its id.</typeparam>
    /// <param name="set">The session's set (<c>session.Contacts</c>).</param>
    /// <param name="rule">The compiled rule.</param>
    /// <param name="context">The run's time.</param>
    /// <param name="cancellationToken">Cancels the selection.</param>
    /// <returns>The matching aggregates, in id order.</returns>
    public static async IAsyncEnumerable<TAggregate> SelectAsync<TAggregate, TData, TId>(
        this AggregateSet<TAggregate, TData, TId> set,
        CompiledRule<TData> rule,
        RuleEvaluationContext context,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
        where TAggregate : AggregateRoot<TData>
        where TData : AggregateData
        where TId : struct, ITypedId<TId>
    {
        ArgumentNullException.ThrowIfNull(set);
        var filter = rule.ToStoreFilter(context);
        string? cursor = null;
        do
        {
            var result = await set.QueryAsync(new RecordQuery { Filter = filter, Sort = [SortKey.Ascending("id")], PageSize = PageSize, Cursor = cursor }, cancellationToken).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                throw new InvalidOperationException("The pushed-down filter was refused: " + string.Join("; ", result.Errors.Select(e => e.Message)));
            }

            foreach (var aggregate in result.Value!.Items)
            {
                if (rule.Matches(aggregate.Data, context))
                {
                    yield return aggregate;
                }
            }

            cursor = result.Value.NextCursor;
        }
        while (cursor is not null);
    }
}
