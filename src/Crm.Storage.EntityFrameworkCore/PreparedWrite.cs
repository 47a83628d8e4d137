using System.Text.Json;
using Crm.Customers;
using Crm.Json;
using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.EntityFrameworkCore.Sql;

namespace Crm.Storage.EntityFrameworkCore;

/// <summary>
/// A staged write with every value it stores computed before the transaction opens, so a record
/// that cannot be stored is refused as malformed before anything is written.
/// </summary>
internal sealed class PreparedWrite
{
    private PreparedWrite(StagedWrite write, RelationalFamily family)
    {
        Write = write;
        Family = family;
    }

    public StagedWrite Write { get; }

    public RelationalFamily Family { get; }

    public object?[] ColumnValues { get; private init; } = [];

    public string CustomFields { get; private init; } = "{}";

    public string Json { get; private init; } = "{}";

    public IReadOnlyList<(string Field, string Value)> ListValues { get; private init; } = [];

    public IReadOnlyList<ContactPoint> ContactPoints { get; private init; } = [];

    public static PreparedWrite Prepare(StagedWrite write, SqlDialect dialect)
    {
        var family = RelationalFamily.Of(write.Record.EntityType);
        if (write.Data is not { } data)
        {
            return new PreparedWrite(write, family);
        }

        try
        {
            var lists = new List<(string, string)>();
            foreach (var field in family.ListFields)
            {
                foreach (var value in field.Read(data))
                {
                    lists.Add((field.Field, value));
                }
            }

            return new PreparedWrite(write, family)
            {
                ColumnValues = [.. family.Columns.Select(c => dialect.Value(c.Read(data)))],
                CustomFields = SortableText.CustomFields(data.CustomFields),
                Json = JsonSerializer.Serialize(data, data.GetType(), CrmJson.Options),
                ListValues = lists,
                ContactPoints = data is CustomerData customer ? customer.ContactPoints : [],
            };
        }
        catch (Exception error) when (error is NullReferenceException or ArgumentException or InvalidOperationException or InvalidCastException or NotSupportedException or JsonException)
        {
            throw new ArgumentException($"{write.Record} cannot be stored ({error.Message}); the commit is malformed and nothing was written.", nameof(write), error);
        }
    }
}
