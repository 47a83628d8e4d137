using System.Text;
using Crm.Customers;
using Crm.CustomFields;
using Crm.Storage.Querying;
using Crm.Timeline;

namespace Crm.Storage.EntityFrameworkCore.Schema;

/// <summary>A single-valued query field stored in a column of its family's table.</summary>
/// <param name="Field">The SDK field name (<c>lastName</c>).</param>
/// <param name="Column">The column name (<c>last_name</c>).</param>
/// <param name="Kind">The kind of its values.</param>
/// <param name="Read">Reads the value from a record.</param>
internal sealed record FieldColumn(string Field, string Column, ScalarKind Kind, Func<AggregateData, ScalarValue?> Read);

/// <summary>A list query field stored as rows of <c>record_values</c>.</summary>
/// <param name="Field">The SDK field name.</param>
/// <param name="Read">Reads the elements from a record.</param>
internal sealed record ListField(string Field, Func<AggregateData, IEnumerable<string>> Read);

/// <summary>
/// How one aggregate family is laid out: its table, a column per single-valued query field, its
/// list fields (kept as rows of <c>record_values</c>, or of <c>contact_points</c> for emails and
/// phones), its declared indexes. The built-in families have their own tables; a family a module
/// adds lives in the shared <c>records</c> table and is read by scans (no pushdown) until the
/// module ships a migration for it.
/// </summary>
internal sealed class RelationalFamily
{
    private readonly Dictionary<string, FieldColumn> _columns;
    private readonly HashSet<string> _listFields;

    private RelationalFamily(string entityType, string table, IReadOnlyList<FieldColumn> columns, IReadOnlyList<ListField> listFields, bool hasContactPoints, IReadOnlyList<RecordIndex> indexes)
    {
        EntityType = entityType;
        Table = table;
        Columns = columns;
        ListFields = listFields;
        HasContactPoints = hasContactPoints;
        Indexes = indexes;
        _columns = columns.ToDictionary(c => c.Field, StringComparer.Ordinal);
        _listFields = [.. listFields.Select(l => l.Field)];
    }

    /// <summary>The built-in families, in the order their tables are created.</summary>
    public static IReadOnlyList<RelationalFamily> BuiltIn { get; } =
    [
        Create<AccountData>("accounts"),
        Create<ContactData>("contacts"),
        Create<Purchases.PurchaseData>("purchases"),
        Create<ActivityData>("activities"),
        Create<ActivityBodyData>("activity_bodies"),
    ];

    /// <summary>The shared table of families without their own (a module's).</summary>
    public static RelationalFamily Generic { get; } = new("*", "records", [], [], false, []);

    /// <summary>The entity type name (<c>*</c> for the shared table).</summary>
    public string EntityType { get; }

    /// <summary>The table name without prefix.</summary>
    public string Table { get; }

    /// <summary>Whether this is the shared table, keyed by entity type as well.</summary>
    public bool IsGeneric => ReferenceEquals(this, Generic);

    /// <summary>The field columns.</summary>
    public IReadOnlyList<FieldColumn> Columns { get; }

    /// <summary>The list fields stored in <c>record_values</c>.</summary>
    public IReadOnlyList<ListField> ListFields { get; }

    /// <summary>Whether the family has contact points (emails and phones in <c>contact_points</c>).</summary>
    public bool HasContactPoints { get; }

    /// <summary>The family's declared indexes.</summary>
    public IReadOnlyList<RecordIndex> Indexes { get; }

    /// <summary>The family of an entity type.</summary>
    public static RelationalFamily Of(string entityType)
    {
        foreach (var family in BuiltIn)
        {
            if (string.Equals(family.EntityType, entityType, StringComparison.Ordinal))
            {
                return family;
            }
        }

        return Generic;
    }

    /// <summary>The column of a single-valued field, if it has one.</summary>
    public FieldColumn? Column(string field) => _columns.GetValueOrDefault(field);

    /// <summary>Whether a list field is kept in <c>record_values</c>.</summary>
    public bool IsListField(string field) => _listFields.Contains(field);

    /// <summary>The column name of an SDK field name: <c>lastName</c> → <c>last_name</c>.</summary>
    public static string ColumnName(string field)
    {
        var builder = new StringBuilder(field.Length + 4);
        foreach (var c in field)
        {
            if (char.IsUpper(c))
            {
                builder.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static RelationalFamily Create<TData>(string table) where TData : AggregateData
    {
        var columns = new List<FieldColumn>();
        var lists = new List<ListField>();
        var customer = typeof(CustomerData).IsAssignableFrom(typeof(TData));
        foreach (var field in RecordFields.For<TData>().Values)
        {
            if (field.Name is "id" or "version")
            {
                continue; // the key and the version are columns of every table
            }

            if (field.ReadOne is { } read)
            {
                columns.Add(new FieldColumn(field.Name, ColumnName(field.Name), field.Kind, d => read((TData)d)));
            }
            else if (!(customer && field.Name is "email" or "phone"))
            {
                var readList = field.ReadList!;
                lists.Add(new ListField(field.Name, d => readList((TData)d).Select(v => v.AsText())));
            }
        }

        return new RelationalFamily(RecordFields.EntityTypeOf<TData>(), table, columns, lists, customer, RecordFields.IndexesOf<TData>());
    }
}
