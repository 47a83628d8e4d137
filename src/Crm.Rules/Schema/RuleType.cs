namespace Crm.Rules.Schema;

/// <summary>The kinds of value a rule works with (docs/rules.md, "Types").</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the rule language's own type names.")]
public enum RuleTypeKind
{
    /// <summary>Text, compared ordinally by code point.</summary>
    String,

    /// <summary>A decimal number.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A calendar date (NodaTime <c>LocalDate</c>).</summary>
    Date,

    /// <summary>A moment (NodaTime <c>Instant</c>).</summary>
    Instant,

    /// <summary>A length of time (from <c>days</c>, <c>hours</c>, <c>minutes</c>).</summary>
    Duration,

    /// <summary>An amount in a currency.</summary>
    Money,

    /// <summary>A string from a declared set.</summary>
    Enum,

    /// <summary>A list of scalars (<c>tags</c>).</summary>
    List,

    /// <summary>A nested object of named fields (<c>address</c>, <c>custom</c>).</summary>
    Record,

    /// <summary>A collection of records (<c>orders</c>).</summary>
    Collection,

    /// <summary>The type of the literal <c>null</c>.</summary>
    Null,
}

/// <summary>A type in a rule schema: a kind and, for the compound kinds, what they hold.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "These are the rule language's own type names.")]
public sealed class RuleType
{
    private RuleType(RuleTypeKind kind)
    {
        Kind = kind;
    }

    /// <summary>Text.</summary>
    public static RuleType String { get; } = new(RuleTypeKind.String);

    /// <summary>A decimal number.</summary>
    public static RuleType Number { get; } = new(RuleTypeKind.Number);

    /// <summary>True or false.</summary>
    public static RuleType Boolean { get; } = new(RuleTypeKind.Boolean);

    /// <summary>A calendar date.</summary>
    public static RuleType Date { get; } = new(RuleTypeKind.Date);

    /// <summary>A moment.</summary>
    public static RuleType Instant { get; } = new(RuleTypeKind.Instant);

    /// <summary>A length of time.</summary>
    public static RuleType Duration { get; } = new(RuleTypeKind.Duration);

    /// <summary>The literal <c>null</c>.</summary>
    public static RuleType Null { get; } = new(RuleTypeKind.Null);

    /// <summary>A duration of whole days (from <c>days(n)</c>): the only one a date may be moved by.</summary>
    internal static RuleType WholeDays { get; } = new(RuleTypeKind.Duration) { IsWholeDays = true };

    /// <summary>Money in any currency: compares with money, not with plain numbers.</summary>
    public static RuleType AnyMoney { get; } = new(RuleTypeKind.Money);

    /// <summary>The kind.</summary>
    public RuleTypeKind Kind { get; }

    /// <summary>The members of an enum, in declared order.</summary>
    public IReadOnlyList<string> Members { get; private init; } = [];

    /// <summary>The element type of a list.</summary>
    public RuleType? Element { get; private init; }

    /// <summary>The fields of a record, or of each element of a collection.</summary>
    public RuleRecordType? Fields { get; private init; }

    /// <summary>The one currency of a money field, if the schema declares one (then it compares with numbers).</summary>
    public string? Currency { get; private init; }

    internal bool IsWholeDays { get; private init; }

    /// <summary>Whether the type holds one value (not a list, record or collection).</summary>
    public bool IsScalar => Kind is not (RuleTypeKind.List or RuleTypeKind.Record or RuleTypeKind.Collection);

    /// <summary>An enum of the given members.</summary>
    /// <param name="members">The allowed strings.</param>
    /// <returns>The type.</returns>
    public static RuleType Enum(IEnumerable<string> members) => new(RuleTypeKind.Enum) { Members = [.. members] };

    /// <summary>A list of scalars.</summary>
    /// <param name="element">The element type (a scalar).</param>
    /// <returns>The type.</returns>
    public static RuleType List(RuleType element) => new(RuleTypeKind.List) { Element = element };

    /// <summary>A nested record.</summary>
    /// <param name="fields">Its fields.</param>
    /// <returns>The type.</returns>
    public static RuleType Record(RuleRecordType fields) => new(RuleTypeKind.Record) { Fields = fields };

    /// <summary>A collection of records.</summary>
    /// <param name="fields">The fields of each element.</param>
    /// <returns>The type.</returns>
    public static RuleType Collection(RuleRecordType fields) => new(RuleTypeKind.Collection) { Fields = fields };

    /// <summary>Money in one currency.</summary>
    /// <param name="currency">The ISO 4217 code.</param>
    /// <returns>The type.</returns>
    public static RuleType Money(string currency) => new(RuleTypeKind.Money) { Currency = currency };

    /// <summary>The type as error messages write it: <c>string</c>, <c>list&lt;string&gt;</c>, <c>money (EUR)</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Kind switch
    {
        RuleTypeKind.Enum => "enum",
        RuleTypeKind.List => $"list<{Element}>",
        RuleTypeKind.Money => Currency is null ? "money" : $"money ({Currency})",
        _ => Kind.ToString().ToLowerInvariant(),
    };

    internal bool SameAs(RuleType other) => Kind == other.Kind && Kind switch
    {
        RuleTypeKind.List => Element!.SameAs(other.Element!),
        RuleTypeKind.Money => string.Equals(Currency, other.Currency, StringComparison.Ordinal),
        RuleTypeKind.Enum => Members.SequenceEqual(other.Members, StringComparer.Ordinal),
        RuleTypeKind.Record or RuleTypeKind.Collection => ReferenceEquals(Fields, other.Fields),
        _ => true,
    };
}
