using System.Collections.Immutable;
using Crm.CustomFields;
using Crm.Customers;

namespace Crm.Validation;

/// <summary>
/// Makes a record's collections safe to store: reports null elements (with their index) and
/// copies any list or dictionary the SDK did not create into an immutable one, so a caller that
/// keeps a reference to its own <see cref="List{T}"/> cannot change a stored record later.
/// </summary>
internal static class CollectionGuard
{
    public static AggregateData Guard(AggregateData data, List<CrmError> errors)
    {
        var tags = Freeze(data.Tags, "tags", errors);
        var keys = Freeze(data.AlternateKeys, "alternateKeys", errors);
        IReadOnlyDictionary<string, ScalarValue> fields = CustomFieldMaps.ToSorted(data.CustomFields);
        data = ReferenceEquals(tags, data.Tags) && ReferenceEquals(keys, data.AlternateKeys) && ReferenceEquals(fields, data.CustomFields)
            ? data
            : data with { Tags = tags, AlternateKeys = keys, CustomFields = fields };
        data = GuardFamilyLists(data, errors);
        if (data is not CustomerData customer)
        {
            return data;
        }

        var points = Freeze(customer.ContactPoints, "contactPoints", errors);
        var addresses = Freeze(customer.Addresses, "addresses", errors);
        var consents = Freeze(customer.Consents, "consents", errors);
        return ReferenceEquals(points, customer.ContactPoints) && ReferenceEquals(addresses, customer.Addresses) && ReferenceEquals(consents, customer.Consents)
            ? data
            : customer with { ContactPoints = points, Addresses = addresses, Consents = consents };
    }

    private static AggregateData GuardFamilyLists(AggregateData data, List<CrmError> errors)
    {
        switch (data)
        {
            case ContactData contact:
                var roles = Freeze(contact.AccountRoles, "accountRoles", errors);
                return ReferenceEquals(roles, contact.AccountRoles) ? data : contact with { AccountRoles = roles };
            case AccountData account:
                var relationships = Freeze(account.Relationships, "relationships", errors);
                return ReferenceEquals(relationships, account.Relationships) ? data : account with { Relationships = relationships };
            case Purchases.PurchaseData purchase:
                var lines = Freeze(purchase.Lines, "lines", errors);
                return ReferenceEquals(lines, purchase.Lines) ? data : purchase with { Lines = lines };
            case Timeline.ActivityData activity:
                var participants = Freeze(activity.Participants, "participants", errors);
                IReadOnlyList<RecordRef> links = activity.Links is null ? [] : activity.Links is ImmutableArray<RecordRef> || activity.Links.GetType().Assembly == typeof(CollectionGuard).Assembly ? activity.Links : ImmutableArray.CreateRange(activity.Links);
                return ReferenceEquals(participants, activity.Participants) && ReferenceEquals(links, activity.Links) ? data : activity with { Participants = participants, Links = links };
            default:
                return data;
        }
    }

    /// <summary>Reports null elements of a list (by index) and returns an immutable copy unless the SDK made the list.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="list">The list.</param>
    /// <param name="path">Its JSON path.</param>
    /// <param name="errors">Collects the errors.</param>
    /// <returns>The list to store.</returns>
    public static IReadOnlyList<T> Freeze<T>(IReadOnlyList<T>? list, string path, List<CrmError> errors) where T : class
    {
        if (list is null || list.Count == 0)
        {
            return [];
        }

        // Lists typed in this assembly (collection expressions) and immutable arrays are the SDK's own.
        var owned = list is ImmutableArray<T> || list.GetType().Assembly == typeof(CollectionGuard).Assembly;
        var nulls = false;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is null)
            {
                errors.Add(new CrmError(CrmErrorCodes.Required, "Must not be null.", $"{path}[{i}]"));
                nulls = true;
            }
        }

        return nulls ? [.. list.Where(item => item is not null)] : owned ? list : ImmutableArray.CreateRange(list);
    }
}
