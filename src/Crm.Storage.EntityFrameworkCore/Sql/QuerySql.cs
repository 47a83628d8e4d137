using Crm.Customers;
using Crm.CustomFields;
using Crm.Storage.EntityFrameworkCore.Schema;
using Crm.Storage.Querying;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>
/// Translates the filter model, the sort and the keyset position into SQL over a family's table
/// (alias <c>r</c>) with exactly the semantics of <see cref="RecordQueryEvaluator"/>: values of
/// another kind never match, a list field matches when any element does, != and "is null" hold
/// for absent values, nulls sort first ascending and last descending, the id breaks ties.
/// </summary>
/// <param name="family">The family whose table is queried.</param>
/// <param name="names">The configured table names.</param>
/// <param name="sql">The command being built.</param>
/// <param name="tenant">The name of the parameter that holds the tenant.</param>
internal sealed class QuerySql(RelationalFamily family, TableNames names, SqlText sql, string tenant)
{
    private const string False = "1 = 0";
    private const string True = "1 = 1";

    private SqlDialect Dialect => sql.Dialect;

    /// <summary>Whether every field the query names has a SQL form in this family.</summary>
    public static bool CanTranslate(RelationalFamily family, StoreQuery query) =>
        !family.IsGeneric && Fields(query.Filter).Concat(query.Sort.Select(s => s.Field)).All(f => Knows(family, f));

    /// <summary>The condition of a filter (<see langword="null"/>: every record).</summary>
    public string Where(Filter? filter) => filter switch
    {
        null => True,
        AndFilter and => and.Filters.Count == 0 ? True : "(" + string.Join(" AND ", and.Filters.Select(Where)) + ")",
        OrFilter or => or.Filters.Count == 0 ? False : "(" + string.Join(" OR ", or.Filters.Select(Where)) + ")",
        FieldFilter field => Field(field),
        _ => throw new ArgumentException($"Unknown filter type {filter.GetType().Name}.", nameof(filter)),
    };

    /// <summary>The ORDER BY list: the sort keys, then the id.</summary>
    public string OrderBy(IReadOnlyList<SortKey> sort) =>
        string.Join(", ", sort.Select(k => Dialect.Order(Expression(k.Field).Sql, k.Direction == SortDirection.Descending)).Append("r.id"));

    /// <summary>The condition "strictly after the keyset position" in the query's order.</summary>
    public string After(IReadOnlyList<SortKey> sort, KeysetPosition? position)
    {
        if (position is null)
        {
            return True;
        }

        var terms = new List<string>();
        var equalSoFar = new List<string>();
        for (var i = 0; i < sort.Count; i++)
        {
            var key = sort[i];
            var expression = Expression(key.Field);
            var value = position.Values[i];
            var descending = key.Direction == SortDirection.Descending;
            string? beyond;
            string equal;
            if (value is null)
            {
                beyond = descending ? null : $"{expression.Sql} IS NOT NULL";
                equal = $"{expression.Sql} IS NULL";
            }
            else
            {
                var parameter = sql.Add(expression.Bind(value));
                beyond = descending ? $"({expression.Sql} < {parameter} OR {expression.Sql} IS NULL)" : $"{expression.Sql} > {parameter}";
                equal = $"{expression.Sql} = {parameter}";
            }

            if (beyond is not null)
            {
                terms.Add(string.Join(" AND ", equalSoFar.Append(beyond)));
            }

            equalSoFar.Add(equal);
        }

        terms.Add(string.Join(" AND ", equalSoFar.Append($"r.id > {sql.Add(Dialect.Id(position.Id))}")));
        var after = "(" + string.Join(" OR ", terms.Select(t => "(" + t + ")")) + ")";

        // The OR form is exact but no index can start from it; a redundant range on the first key lets
        // the index seek to the position instead of reading every earlier row of the tenant.
        if (sort.Count > 0 && sort[0].Direction == SortDirection.Ascending && position.Values[0] is { } first)
        {
            var expression = Expression(sort[0].Field);
            after = $"{expression.Sql} >= {sql.Add(expression.Bind(first))} AND {after}";
        }

        return after;
    }

    private static IEnumerable<string> Fields(Filter? filter) => filter switch
    {
        AndFilter and => and.Filters.SelectMany(Fields),
        OrFilter or => or.Filters.SelectMany(Fields),
        FieldFilter field => [field.Field],
        _ => [],
    };

    private static bool Knows(RelationalFamily family, string field) =>
        field is "id" or "version"
        || family.Column(field) is not null
        || family.IsListField(field)
        || (family.HasContactPoints && field is "email" or "phone")
        || field.StartsWith(RecordFields.CustomFieldPrefix, StringComparison.Ordinal);

    private string Field(FieldFilter filter)
    {
        if (family.IsListField(filter.Field) || (family.HasContactPoints && filter.Field is "email" or "phone"))
        {
            return ListField(filter);
        }

        var expression = Expression(filter.Field);
        return filter.Operator switch
        {
            FilterOperator.IsNull => $"{expression.Sql} IS NULL",
            FilterOperator.IsNotNull => $"{expression.Sql} IS NOT NULL",
            FilterOperator.NotEqual => Condition(expression, FilterOperator.Equal, filter.Values) is var equal && equal == False
                ? True
                : $"({expression.Sql} IS NULL OR NOT ({equal}))",
            var op => Condition(expression, op, filter.Values),
        };
    }

    private string ListField(FieldFilter filter)
    {
        // "The record's id is among those whose element matches": an uncorrelated subquery the planner can
        // drive from the element index (a few rows for a selective value) instead of probing it per record.
        string Exists(string? condition)
        {
            var match = condition is null ? string.Empty : " AND " + condition;
            return filter.Field is "email" or "phone"
                ? $"r.id IN (SELECT v.owner_id FROM {names.ContactPoints} v WHERE v.tenant_id = {tenant} AND v.owner_type = {sql.Add(family.EntityType)} AND v.kind = {sql.Add(filter.Field)}{match})"
                : $"r.id IN (SELECT v.record_id FROM {names.RecordValues} v WHERE v.tenant_id = {tenant} AND v.entity_type = {sql.Add(family.EntityType)} AND v.field = {sql.Add(filter.Field)}{match})";
        }

        var element = new ColumnExpression("v.value", ScalarKind.Text, this);
        return filter.Operator switch
        {
            FilterOperator.IsNull => "NOT " + Exists(null),
            FilterOperator.IsNotNull => Exists(null),
            FilterOperator.NotEqual => Condition(element, FilterOperator.Equal, filter.Values) is var equal && equal == False ? True : "NOT " + Exists(equal),
            var op => Condition(element, op, filter.Values) is var condition && condition == False ? False : Exists(condition),
        };
    }

    private string Condition(ColumnExpression expression, FilterOperator op, IReadOnlyList<ScalarValue> operands)
    {
        if (op == FilterOperator.In)
        {
            var values = operands.Where(expression.Accepts).Select(v => sql.Add(expression.Bind(v))).ToList();
            return values.Count == 0 ? False : $"{expression.Sql} IN ({string.Join(", ", values)})";
        }

        var operand = operands[0];
        if (!expression.Accepts(operand))
        {
            return False;
        }

        if (op == FilterOperator.StartsWith)
        {
            if (operand.Kind != ScalarKind.Text)
            {
                return False;
            }

            var prefix = expression.IsTagged ? SortableText.Tagged(operand) : operand.AsText();
            return Dialect.StartsWith(expression.Sql, sql.Add(Dialect.StartsWithValue(prefix)));
        }

        var parameter = sql.Add(expression.Bind(operand));
        if (op == FilterOperator.Equal && expression.CustomFieldName is { } nameParameter && Dialect.CustomFieldEquals("r.custom_fields", nameParameter, parameter) is { } indexed)
        {
            return indexed;
        }

        var comparison = op switch
        {
            FilterOperator.Equal => "=",
            FilterOperator.LessThan => "<",
            FilterOperator.LessThanOrEqual => "<=",
            FilterOperator.GreaterThan => ">",
            FilterOperator.GreaterThanOrEqual => ">=",
            _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown operator."),
        };
        var condition = $"{expression.Sql} {comparison} {parameter}";
        if (expression.IsTagged && op != FilterOperator.Equal)
        {
            // Tagged values of other kinds sort before or after the operand's kind: keep the range within it.
            condition += op is FilterOperator.GreaterThan or FilterOperator.GreaterThanOrEqual
                ? $" AND {expression.Sql} < {sql.Add(SortableText.KindEnd(operand.Kind))}"
                : $" AND {expression.Sql} >= {sql.Add(SortableText.KindStart(operand.Kind))}";
        }

        return condition;
    }

    private ColumnExpression Expression(string field)
    {
        if (field == "id")
        {
            return new ColumnExpression(Dialect.Binary(Dialect.IdText("r.id")), ScalarKind.Text, this);
        }

        if (field == "version")
        {
            return new ColumnExpression("r.version", ScalarKind.Number, this) { IsVersion = true };
        }

        if (family.Column(field) is { } column)
        {
            return new ColumnExpression("r." + column.Column, column.Kind, this);
        }

        if (field.StartsWith(RecordFields.CustomFieldPrefix, StringComparison.Ordinal))
        {
            var name = sql.Add(Dialect.CustomFieldKey(field[RecordFields.CustomFieldPrefix.Length..]));
            return new ColumnExpression(Dialect.CustomField("r.custom_fields", name), ScalarKind.Text, this) { IsTagged = true, CustomFieldName = name };
        }

        throw new ArgumentException($"'{field}' is not a field of {family.EntityType}.", nameof(field));
    }

    /// <summary>A SQL expression of a field and how its values are bound.</summary>
    private sealed class ColumnExpression(string sqlText, ScalarKind kind, QuerySql owner)
    {
        public string Sql { get; } = sqlText;

        /// <summary>Custom field values: tagged text, any kind.</summary>
        public bool IsTagged { get; init; }

        /// <summary>For a custom field, the parameter holding its name.</summary>
        public string? CustomFieldName { get; init; }

        /// <summary>The version column: an integer compared with numbers.</summary>
        public bool IsVersion { get; init; }

        public bool Accepts(ScalarValue value) => IsTagged || value.Kind == kind;

        public object Bind(ScalarValue value)
        {
            if (IsTagged)
            {
                return SortableText.Tagged(value);
            }

            if (IsVersion)
            {
                // An integer column: compare with an integer when the operand is one, else with a double-free decimal on PostgreSQL.
                var number = value.AsNumber();
                return number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue
                    ? (long)number
                    : owner.Dialect is PostgresDialect ? number : (double)number;
            }

            return owner.Dialect.Value(value);
        }
    }
}
