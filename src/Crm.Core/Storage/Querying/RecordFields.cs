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

    private static readonly FrozenDictionary<LifecycleStage, string> StageNames =
        Enum.GetValues<LifecycleStage>().ToFrozenDictionary(s => s, s => JsonNamingPolicy.CamelCase.ConvertName(s.ToString()));

    /// <summary>The queryable fields of an entity (common and declared), by name.</summary>
    /// <typeparam name="TData">The entity's data record; it implements <see cref="IAggregateData{TSelf}"/>.</typeparam>
    /// <returns>The fields.</returns>
    public static IReadOnlyDictionary<string, RecordField<TData>> For<TData>() where TData : AggregateData => FamilyCatalog<TData>.Fields;

    /// <summary>The indexes a family declares (<see cref="IAggregateData{TSelf}.DeclareIndexes"/>).</summary>
    /// <typeparam name="TData">The entity's data record.</typeparam>
    /// <returns>The indexes.</returns>
    public static IReadOnlyList<RecordIndex> IndexesOf<TData>() where TData : AggregateData => FamilyCatalog<TData>.Indexes;

    /// <summary>The entity type name of a data record type.</summary>
    /// <typeparam name="TData">The data record; it implements <see cref="IAggregateData{TSelf}"/>.</typeparam>
    /// <returns>The name.</returns>
    public static string EntityTypeOf<TData>() where TData : AggregateData => FamilyCatalog<TData>.EntityType;

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

    internal static IEnumerable<RecordField<TData>> Common<TData>() where TData : AggregateData
    {
        IEnumerable<RecordField<TData>> common =
        [
            new("id", ScalarKind.Text, d => ScalarValue.Text(d.Key.ToString("D")), null),
            RecordField.Text<TData>("ownerId", d => d.OwnerId?.Value),
            new("createdAt", ScalarKind.Instant, d => ScalarValue.Instant(d.CreatedAt), null),
            new("updatedAt", ScalarKind.Instant, d => ScalarValue.Instant(d.UpdatedAt), null),
            new("version", ScalarKind.Number, d => ScalarValue.Number(d.Version), null),
            new("tags", ScalarKind.Text, null, d => d.Tags.Select(ScalarValue.Text)),
        ];
        return typeof(CustomerData).IsAssignableFrom(typeof(TData))
            ? common.Concat(
            [
                new("lifecycleStage", ScalarKind.Text, d => ScalarValue.Text(StageNames[((CustomerData)(object)d).LifecycleStage]), null, [.. StageNames.Values]),
                RecordField.Text<TData>("classification", d => ((CustomerData)(object)d).Classification),
                new("email", ScalarKind.Text, null, d => Points((CustomerData)(object)d, ContactPointKind.Email)),
                new("phone", ScalarKind.Text, null, d => Points((CustomerData)(object)d, ContactPointKind.Phone)),
            ])
            : common;
    }

    private static IEnumerable<ScalarValue> Points(CustomerData data, ContactPointKind kind)
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
