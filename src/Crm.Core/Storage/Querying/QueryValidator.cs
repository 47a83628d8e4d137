using System.Globalization;
using Crm.Customers;
using Crm.CustomFields;

namespace Crm.Storage.Querying;

/// <summary>Checks a caller's query against an entity's fields and the tenant's schema, and turns it into a <see cref="StoreQuery"/>.</summary>
internal static class QueryValidator
{
    private const int MaxInValues = 1000;

    public static CrmResult<StoreQuery> Validate<TData>(RecordQuery query, CustomFieldSchema schema, int extraRows) where TData : AggregateData
    {
        var errors = new List<CrmError>();
        if (query.PageSize is < 1 or > PageRequest.MaxPageSize)
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidPageSize, $"The page size must be between 1 and {PageRequest.MaxPageSize}; got {query.PageSize}.", "pageSize"));
        }

        var filter = query.Filter is null ? null : CheckFilter<TData>(query.Filter, schema, "filter", errors);
        if (query.Sort is null || query.Sort.Any(s => s is null))
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, "The sort must be a list of sort keys without nulls (empty for: by id).", "sort"));
            return CrmResult<StoreQuery>.Failure(errors);
        }

        CheckSort<TData>(query.Sort, schema, errors);

        KeysetPosition? after = null;
        if (query.Cursor is not null && errors.Count == 0)
        {
            after = CursorCodec.TryDecode(query.Cursor, query.Sort);
            if (after is null)
            {
                errors.Add(new CrmError(CrmErrorCodes.InvalidCursor, "The cursor is malformed or was made for a query with another sort. Start again without a cursor.", "cursor"));
            }
        }

        return errors.Count > 0
            ? CrmResult<StoreQuery>.Failure(errors)
            : CrmResult<StoreQuery>.Success(new StoreQuery(filter, query.Sort, after, query.PageSize + extraRows));
    }

    public static CrmResult<Filter?> ValidateFilter<TData>(Filter? filter, CustomFieldSchema schema) where TData : AggregateData
    {
        var errors = new List<CrmError>();
        var checkedFilter = filter is null ? null : CheckFilter<TData>(filter, schema, "filter", errors);
        return errors.Count > 0 ? CrmResult<Filter?>.Failure(errors) : CrmResult<Filter?>.Success(checkedFilter);
    }

    private static void CheckSort<TData>(IReadOnlyList<SortKey> sort, CustomFieldSchema schema, List<CrmError> errors) where TData : AggregateData
    {
        for (var i = 0; i < sort.Count; i++)
        {
            var path = $"sort[{i}]";
            var field = Resolve<TData>(sort[i].Field, schema, path, errors);
            if (field is { IsList: true })
            {
                errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, $"'{field.Name}' holds a list and cannot be sorted.", path));
            }

            if (!Enum.IsDefined(sort[i].Direction))
            {
                errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, "The sort direction must be ascending or descending.", path));
            }
        }

        if (sort.Select(s => s.Field).Distinct(StringComparer.Ordinal).Count() != sort.Count)
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, "A field appears twice in the sort.", "sort"));
        }
    }

    private static Filter CheckFilter<TData>(Filter filter, CustomFieldSchema schema, string path, List<CrmError> errors) where TData : AggregateData
    {
        switch (filter)
        {
            case AndFilter { Filters: null } or OrFilter { Filters: null }:
                errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, "An and/or filter needs a list of filters.", path));
                return filter;
            case AndFilter and:
                return new AndFilter([.. and.Filters.Select((f, i) => CheckFilter<TData>(f, schema, $"{path}.and[{i}]", errors))]);
            case OrFilter or:
                return new OrFilter([.. or.Filters.Select((f, i) => CheckFilter<TData>(f, schema, $"{path}.or[{i}]", errors))]);
            case null:
                errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, "A filter must not be null.", path));
                return new AndFilter([]);
            case FieldFilter condition:
                return CheckCondition<TData>(condition, schema, path, errors);
            default:
                errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, "Unknown filter node.", path));
                return filter;
        }
    }

    private static FieldFilter CheckCondition<TData>(FieldFilter condition, CustomFieldSchema schema, string path, List<CrmError> errors) where TData : AggregateData
    {
        var field = Resolve<TData>(condition.Field, schema, path, errors);
        if (field is null)
        {
            return condition;
        }

        var op = condition.Operator;
        var expected = op switch
        {
            FilterOperator.IsNull or FilterOperator.IsNotNull => (0, 0),
            FilterOperator.In => (1, MaxInValues),
            _ => (1, 1),
        };
        var values = condition.Values ?? [];
        if (!Enum.IsDefined(op))
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, $"Unknown operator {op}.", path));
            return condition;
        }

        if (values.Count < expected.Item1 || values.Count > expected.Item2)
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, $"{op} on '{field.Name}' takes {(expected.Item1 == expected.Item2 ? expected.Item1.ToString(CultureInfo.InvariantCulture) : $"{expected.Item1} to {expected.Item2}")} value(s); got {values.Count}.", path));
            return condition;
        }

        if (op == FilterOperator.StartsWith && field.Kind != ScalarKind.Text)
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, $"startsWith applies to text; '{field.Name}' is {field.Kind.ToString().ToLowerInvariant()}.", path));
            return condition;
        }

        var normalized = new ScalarValue[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (value is null || value.Kind != field.Kind)
            {
                errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, $"'{field.Name}' holds {field.Kind.ToString().ToLowerInvariant()} values; the operand is {(value is null ? "null (use IsNull)" : value.Kind.ToString().ToLowerInvariant())}.", path));
                return condition;
            }

            normalized[i] = NormalizeOperand(field, value, path, errors);
        }

        return condition with { Values = normalized };
    }

    private static ScalarValue NormalizeOperand<TData>(RecordField<TData> field, ScalarValue value, string path, List<CrmError> errors) where TData : AggregateData
    {
        if (value.Kind != ScalarKind.Text)
        {
            return value;
        }

        var text = value.AsText();
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add(new CrmError(CrmErrorCodes.ContainsNul, "Filter values must not contain NUL characters (U+0000).", path));
        }
        else if (field.AllowedText is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
        {
            errors.Add(new CrmError(CrmErrorCodes.InvalidFilter, $"'{text}' is not a value of '{field.Name}'; expected one of: {string.Join(", ", allowed)}.", path));
        }
        else if (field.Name is "id" or "accountId" or "accountIds" or "parentAccountId" or "relatedAccountIds" or "contactId")
        {
            // Ids are stored in their canonical lower-case form; accept any casing or format a Guid parses.
            return Guid.TryParse(text, out var id) ? ScalarValue.Text(id.ToString("D")) : value;
        }
        else if (field.Name == "email")
        {
            return ScalarValue.Text(text.Trim().ToLowerInvariant());
        }

        return value;
    }

    private static RecordField<TData>? Resolve<TData>(string name, CustomFieldSchema schema, string path, List<CrmError> errors) where TData : AggregateData
    {
        var field = name is null ? null : RecordFields.Find<TData>(name, schema);
        if (field is null)
        {
            var candidates = RecordFields.For<TData>().Keys.Concat(schema.Fields.Select(f => RecordFields.CustomFieldPrefix + f.Name));
            var suggestion = name is null ? null : Suggestions.Closest(name, candidates);
            errors.Add(new CrmError(CrmErrorCodes.UnknownField, $"'{(name is { Length: > 80 } ? name[..77] + "..." : name)}' is not a field of {schema.EntityType}." + (suggestion is null ? string.Empty : $" Did you mean '{suggestion}'?"), path));
        }

        return field;
    }
}
