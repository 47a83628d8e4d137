using Crm.Customers;
using Crm.Purchases;
using Crm.Storage;
using Crm.Storage.Querying;

namespace Crm.Sessions;

/// <summary>
/// The references between families that a commit keeps valid: a new or changed reference must
/// name a record of the tenant that exists (in the store or in the same commit), and a record that
/// others still reference cannot be deleted. Counts are exact: stored references, minus those the
/// commit removes, plus those it adds.
/// </summary>
internal static class ReferenceChecks
{
    // Who may reference a deleted record of each type, through which query field, and how to say it.
    private static readonly Referrer[] AccountReferrers =
    [
        new(typeof(ContactData), "accountIds", "contact(s) are linked to it; unlink or delete them first"),
        new(typeof(AccountData), "parentAccountId", "account(s) are its children; move or delete them first"),
        new(typeof(AccountData), "relatedAccountIds", "account(s) have a relationship with it; remove the relationships first"),
        new(typeof(PurchaseData), "accountId", "purchase(s) belong to it; purchase history is kept, so move or delete them first"),
    ];

    private static readonly Referrer[] ContactReferrers =
    [
        new(typeof(PurchaseData), "contactId", "purchase(s) belong to it; purchase history is kept, so move or delete them first"),
    ];

    public static async Task CheckDeletesAsync(ICrmStore store, OperationContext context, List<PendingChange> changes, List<AggregateData?> prepared, List<CrmError> errors, CancellationToken cancellationToken)
    {
        foreach (var change in changes)
        {
            if (change.Kind != WriteKind.Delete)
            {
                continue;
            }

            var referrers = change.Data switch
            {
                AccountData => AccountReferrers,
                ContactData => ContactReferrers,
                _ => [],
            };
            foreach (var referrer in referrers)
            {
                var count = await referrer.CountAfterCommitAsync(store, context, changes, prepared, change.Data.Key, cancellationToken).ConfigureAwait(false);
                if (count > 0)
                {
                    errors.Add(new CrmError(CrmErrorCodes.DeleteRefused, $"The {change.Data.EntityType} cannot be deleted: {count} {referrer.Message}.", null, change.Data.Ref));
                }
            }
        }
    }

    public static async Task CheckTargetsExistAsync(ICrmStore store, OperationContext context, List<PendingChange> changes, List<AggregateData?> prepared, List<CrmError> errors, CancellationToken cancellationToken)
    {
        Dictionary<RecordRef, bool>? known = null;
        for (var i = 0; i < changes.Count; i++)
        {
            var change = changes[i];
            var data = prepared[i] ?? change.Data;
            // Most records of an import refer to nothing: no iterator, no set for them.
            if (change.Kind == WriteKind.Delete || !HasReferences(data))
            {
                continue;
            }

            var before = change.Original is null ? null : ReferencesOf(change.Original).Select(r => r.Target).ToHashSet();
            foreach (var (target, path) in ReferencesOf(data))
            {
                if (before?.Contains(target) == true)
                {
                    continue; // only a new or changed reference is checked
                }

                known ??= changes.ToDictionary(c => c.Data.Ref, c => c.Kind != WriteKind.Delete);
                if (!known.TryGetValue(target, out var exists))
                {
                    exists = await ExistsAsync(store, context, target, cancellationToken).ConfigureAwait(false);
                    known[target] = exists;
                }

                if (!exists)
                {
                    errors.Add(new CrmError(CrmErrorCodes.ReferenceNotFound, $"The {target.EntityType} {target.Id:D} does not exist in this tenant.", path, data.Ref));
                }
            }
        }
    }

    private static bool HasReferences(AggregateData data) => data switch
    {
        ContactData contact => contact.AccountId is not null || contact.AccountRoles is { Count: > 0 },
        AccountData account => account.ParentAccountId is not null || account.Relationships is { Count: > 0 },
        PurchaseData purchase => purchase.AccountId is not null || purchase.ContactId is not null,
        _ => false,
    };

    private static IEnumerable<(RecordRef Target, string Path)> ReferencesOf(AggregateData data)
    {
        switch (data)
        {
            case ContactData contact:
                if (contact.AccountId is { } primary)
                {
                    yield return (new RecordRef(EntityTypes.Account, primary.Value), "accountId");
                }

                for (var i = 0; i < (contact.AccountRoles?.Count ?? 0); i++)
                {
                    if (contact.AccountRoles![i] is { } role)
                    {
                        yield return (new RecordRef(EntityTypes.Account, role.AccountId.Value), $"accountRoles[{i}].accountId");
                    }
                }

                break;
            case AccountData account:
                if (account.ParentAccountId is { } parent)
                {
                    yield return (new RecordRef(EntityTypes.Account, parent.Value), "parentAccountId");
                }

                for (var i = 0; i < (account.Relationships?.Count ?? 0); i++)
                {
                    if (account.Relationships![i] is { } relationship)
                    {
                        yield return (new RecordRef(EntityTypes.Account, relationship.RelatedAccountId.Value), $"relationships[{i}].relatedAccountId");
                    }
                }

                break;
            case PurchaseData purchase:
                if (purchase.AccountId is { } buyer)
                {
                    yield return (new RecordRef(EntityTypes.Account, buyer.Value), "accountId");
                }

                if (purchase.ContactId is { } person)
                {
                    yield return (new RecordRef(EntityTypes.Contact, person.Value), "contactId");
                }

                break;
        }
    }

    private static async ValueTask<bool> ExistsAsync(ICrmStore store, OperationContext context, RecordRef target, CancellationToken cancellationToken) => target.EntityType switch
    {
        EntityTypes.Account => await store.Records<AccountData>().FindAsync(context, target.Id, cancellationToken).ConfigureAwait(false) is not null,
        EntityTypes.Contact => await store.Records<ContactData>().FindAsync(context, target.Id, cancellationToken).ConfigureAwait(false) is not null,
        _ => throw new InvalidOperationException($"No existence check for {target.EntityType}."),
    };

    private sealed record Referrer(Type Family, string Field, string Message)
    {
        private static readonly System.Reflection.MethodInfo CountMethod = typeof(Referrer).GetMethod(nameof(CountAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;

        public Task<long> CountAfterCommitAsync(ICrmStore store, OperationContext context, List<PendingChange> changes, List<AggregateData?> prepared, Guid target, CancellationToken cancellationToken) =>
            (Task<long>)CountMethod.MakeGenericMethod(Family).Invoke(null, [store, context, changes, prepared, Field, target, cancellationToken])!;

        private static async Task<long> CountAsync<TData>(ICrmStore store, OperationContext context, List<PendingChange> changes, List<AggregateData?> prepared, string field, Guid target, CancellationToken cancellationToken)
            where TData : AggregateData
        {
            var text = target.ToString("D");
            var count = await QueryExecutor.CountAsync<TData>(store, context, Filter.Equal(field, text), cancellationToken).ConfigureAwait(false);
            var read = RecordFields.For<TData>()[field];
            bool Refers(AggregateData? data) => data is TData record && (read.ReadOne is { } one
                ? one(record)?.AsText() == text
                : read.ReadList!(record).Any(v => v.AsText() == text));
            for (var i = 0; i < changes.Count; i++)
            {
                count -= Refers(changes[i].Original) ? 1 : 0;
                count += changes[i].Kind != WriteKind.Delete && Refers(prepared[i] ?? changes[i].Data) ? 1 : 0;
            }

            return count;
        }
    }
}
