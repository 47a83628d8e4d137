using System.Collections.Frozen;
using System.Text.Json;
using Crm.Customers;
using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>
/// The fields of each entity that queries can name. Custom fields are named
/// <c>customFields.&lt;name&gt;</c>; their kind comes from the tenant's schema.
/// </summary>
public static class RecordFields
{
    /// <summary>The prefix of custom field names in queries.</summary>
    public const string CustomFieldPrefix = "customFields.";

    // Declared first: the field tables below read it while they are built.
    private static readonly FrozenDictionary<LifecycleStage, string> StageNames =
        Enum.GetValues<LifecycleStage>().ToFrozenDictionary(s => s, s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()));

    private static readonly FrozenDictionary<string, RecordField<ContactData>> ContactFields = Build<ContactData>(
    [
        Text<ContactData>("firstName", d => d.FirstName),
        Text<ContactData>("lastName", d => d.LastName),
        Text<ContactData>("jobTitle", d => d.JobTitle),
        Text<ContactData>("accountId", d => d.AccountId?.ToString()),
    ]);

    private static readonly FrozenDictionary<string, RecordField<AccountData>> AccountFields = Build<AccountData>(
    [
        Text<AccountData>("name", d => d.Name),
        Text<AccountData>("website", d => d.Website),
        Text<AccountData>("industry", d => d.Industry),
    ]);

    /// <summary>The built-in fields of an entity, by name.</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <returns>The fields.</returns>
    public static IReadOnlyDictionary<string, RecordField<TData>> For<TData>() where TData : AggregateData =>
        (IReadOnlyDictionary<string, RecordField<TData>>)(typeof(TData) == typeof(ContactData) ? (object)ContactFields
            : typeof(TData) == typeof(AccountData) ? AccountFields
            : throw new NotSupportedException($"No query fields are defined for {typeof(TData).Name}."));

    /// <summary>Finds a field: a built-in one, or a custom field whose kind the given schema declares (or, without a schema, read as stored).</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <param name="name">The field name.</param>
    /// <param name="schema">The tenant's custom field schema, or <see langword="null"/> to accept any custom field name.</param>
    /// <returns>The field, or <see langword="null"/> when there is none.</returns>
    public static RecordField<TData>? Find<TData>(string name, CustomFieldSchema? schema) where TData : AggregateData
    {
        if (For<TData>().TryGetValue(name, out var field))
        {
            return field;
        }

        if (!name.StartsWith(CustomFieldPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var customName = name[CustomFieldPrefix.Length..];
        ScalarKind kind;
        if (schema is null)
        {
            kind = ScalarKind.Text;
        }
        else if (schema.TryGetField(customName, out var definition))
        {
            kind = definition.ValueKind;
        }
        else
        {
            return null;
        }

        return new RecordField<TData>(name, kind, d => d.CustomFields.TryGetValue(customName, out var v) ? v : null, null);
    }

    /// <summary>The JSON name of a lifecycle stage (<c>salesQualified</c>), as enum fields are filtered by.</summary>
    /// <param name="stage">The stage.</param>
    /// <returns>The name.</returns>
    public static string StageName(LifecycleStage stage) => StageNames[stage];

    private static FrozenDictionary<string, RecordField<TData>> Build<TData>(IEnumerable<RecordField<TData>> own) where TData : AggregateData
    {
        RecordField<TData>[] common =
        [
            new("id", ScalarKind.Text, d => ScalarValue.Text(d.Key.ToString("D")), null),
            Text<TData>("ownerId", d => d.OwnerId?.Value),
            new("lifecycleStage", ScalarKind.Text, d => ScalarValue.Text(StageNames[d.LifecycleStage]), null, [.. StageNames.Values]),
            Text<TData>("classification", d => d.Classification),
            new("createdAt", ScalarKind.Instant, d => ScalarValue.Instant(d.CreatedAt), null),
            new("updatedAt", ScalarKind.Instant, d => ScalarValue.Instant(d.UpdatedAt), null),
            new("version", ScalarKind.Number, d => ScalarValue.Number(d.Version), null),
            new("email", ScalarKind.Text, null, d => Points(d, ContactPointKind.Email)),
            new("phone", ScalarKind.Text, null, d => Points(d, ContactPointKind.Phone)),
            new("tags", ScalarKind.Text, null, d => d.Tags.Select(ScalarValue.Text)),
        ];
        return common.Concat(own).ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static RecordField<TData> Text<TData>(string name, Func<TData, string?> read) where TData : AggregateData =>
        new(name, ScalarKind.Text, d => read(d) is { } s ? ScalarValue.Text(s) : null, null);

    private static IEnumerable<ScalarValue> Points(AggregateData data, ContactPointKind kind)
    {
        foreach (var point in data.ContactPoints)
        {
            if (point.Kind == kind)
            {
                yield return ScalarValue.Text(point.Value);
            }
        }
    }
}
