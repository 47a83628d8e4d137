namespace Crm.CustomFields;

/// <summary>The kind of a <see cref="ScalarValue"/>.</summary>
public enum ScalarKind
{
    /// <summary>Text, compared by Unicode code point.</summary>
    Text,

    /// <summary>A decimal number; 1.0 equals 1.00.</summary>
    Number,

    /// <summary>True or false; false sorts before true.</summary>
    Boolean,

    /// <summary>A calendar date (<see cref="NodaTime.LocalDate"/>).</summary>
    Date,

    /// <summary>A moment (<see cref="NodaTime.Instant"/>), kept to the microsecond.</summary>
    Instant,
}
