using System.Data.Common;
using System.Text;

namespace Crm.Storage.EntityFrameworkCore.Sql;

/// <summary>One SQL command being built: its text and its parameters, named <c>@p0</c>, <c>@p1</c>, ...</summary>
internal sealed class SqlText(SqlDialect dialect)
{
    private readonly StringBuilder _text = new();
    private readonly List<DbParameter> _parameters = [];

    public SqlDialect Dialect => dialect;

    public IReadOnlyList<DbParameter> Parameters => _parameters;

    public int ParameterCount => _parameters.Count;

    public bool IsEmpty => _text.Length == 0;

    /// <summary>Adds a parameter and returns its name.</summary>
    public string Add(object? value)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(dialect.Parameter(name, value));
        return name;
    }

    /// <summary>Adds a JSON parameter and returns its name.</summary>
    public string AddJson(string json)
    {
        var name = "@p" + _parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _parameters.Add(dialect.JsonParameter(name, json));
        return name;
    }

    public SqlText Append(string text)
    {
        _text.Append(text);
        return this;
    }

    public override string ToString() => _text.ToString();
}
