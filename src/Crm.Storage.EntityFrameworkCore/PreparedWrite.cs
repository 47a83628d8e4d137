using System.Text.Json;
using Crm.Customers;
using Crm.Json;
using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.EntityFrameworkCore.Sql;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// A staged write and the table family it goes to. The values a row stores (columns, custom
/// fields, the JSON) are computed when the row is written, not kept for the whole commit: a bulk
/// commit would otherwise hold every record's JSON twice until it ends.
/// </summary>
internal sealed class PreparedWrite(StagedWrite write)
{
    public StagedWrite Write { get; } = write;

    public RelationalFamily Family { get; } = RelationalFamily.Of(write.Record.EntityType);

    /// <summary>The list-field values of the record, in field and list order.</summary>
    public IEnumerable<(string Field, string Value)> ListValues()
    {
        if (Write.Data is not { } data)
        {
            yield break;
        }

        foreach (var field in Family.ListFields)
        {
            foreach (var value in field.Read(data))
            {
                yield return (field.Field, value);
            }
        }
    }

    /// <summary>The record's contact points (customers only).</summary>
    public IReadOnlyList<ContactPoint> ContactPoints => Write.Data is CustomerData customer ? customer.ContactPoints : [];

    /// <summary>
    /// The values of the family row. A record that cannot be stored throws <see cref="ArgumentException"/>;
    /// it is thrown inside the commit's transaction, which then rolls back: nothing is written.
    /// </summary>
    public StoredValues Values(SqlDialect dialect)
    {
        var data = Write.Data ?? throw new InvalidOperationException($"{Write.Record} is deleted; it has no row values.");
        try
        {
            return new StoredValues(
                [.. Family.Columns.Select(c => dialect.Value(c.Read(data)))],
                SortableText.CustomFields(data.CustomFields),
                JsonSerializer.Serialize(data, data.GetType(), CrmJson.Options));
        }
        catch (Exception error) when (error is NullReferenceException or ArgumentException or InvalidOperationException or InvalidCastException or NotSupportedException or JsonException)
        {
            throw new ArgumentException($"{Write.Record} cannot be stored ({error.Message}); the commit is malformed and nothing was written.", error);
        }
    }

    /// <summary>What a family row stores besides its keys and version.</summary>
    /// <param name="ColumnValues">One value per query column of the family.</param>
    /// <param name="CustomFields">The custom fields as sortable JSON.</param>
    /// <param name="Json">The record's JSON contract.</param>
    public sealed record StoredValues(object?[] ColumnValues, string CustomFields, string Json);
}
