namespace Crm.Rules;

/// <summary>A parse or type error in a rule, at a 1-based line and column (counted in Unicode scalar values).</summary>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column, in Unicode scalar values.</param>
/// <param name="Message">What is wrong and what was expected, without the position.</param>
public sealed record RuleError(int Line, int Column, string Message)
{
    /// <summary>The error as <c>line:column: message</c>.</summary>
    /// <returns>The formatted error.</returns>
    public override string ToString() => $"{Line}:{Column}: {Message}";
}

/// <summary>Thrown when rule text, a JSON rule or a schema document is not valid; carries every error found.</summary>
public sealed class RuleException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    /// <param name="errors">At least one error.</param>
    public RuleException(IReadOnlyList<RuleError> errors)
        : base(errors is { Count: > 0 } ? errors[0].ToString() : "The rule is not valid.")
    {
        Errors = errors;
    }

    /// <summary>Creates the exception from one error.</summary>
    /// <param name="error">The error.</param>
    public RuleException(RuleError error)
        : this([error])
    {
    }

    /// <summary>Creates an exception with a message (prefer the constructors that take errors).</summary>
    public RuleException()
        : this(new RuleError(1, 1, "The rule is not valid."))
    {
    }

    /// <summary>Creates an exception with a message at 1:1.</summary>
    /// <param name="message">What is wrong.</param>
    public RuleException(string message)
        : this(new RuleError(1, 1, message))
    {
    }

    /// <summary>Creates an exception with a message at 1:1 and an inner exception.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public RuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new RuleError(1, 1, message)];
    }

    /// <summary>Every error found, in text order.</summary>
    public IReadOnlyList<RuleError> Errors { get; }
}
