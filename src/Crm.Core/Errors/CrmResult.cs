using System.Diagnostics.CodeAnalysis;

namespace Crm;

/// <summary>
/// The typed result of an operation that can fail in an expected way: either success with a
/// <see cref="Value"/>, or a non-empty list of <see cref="Errors"/> — every problem at once.
/// </summary>
/// <typeparam name="T">The value on success.</typeparam>
public sealed class CrmResult<T>
{
    private readonly T? _value;

    private CrmResult(T? value, IReadOnlyList<CrmError> errors)
    {
        _value = value;
        Errors = errors;
    }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsSuccess => Errors.Count == 0;

    /// <summary>The value on success.</summary>
    /// <exception cref="InvalidOperationException">The result is a failure; the message lists its errors.</exception>
    public T? Value => IsSuccess
        ? _value
        : throw new InvalidOperationException("The operation failed: " + string.Join("; ", Errors));

    /// <summary>Every problem found; empty on success.</summary>
    public IReadOnlyList<CrmError> Errors { get; }

    /// <summary>A success.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CrmResult<T> Success(T value) => new(value, []);

    /// <summary>A failure with one or more errors.</summary>
    /// <param name="errors">The errors; at least one.</param>
    /// <returns>The result.</returns>
    /// <exception cref="ArgumentException">No error was given.</exception>
    public static CrmResult<T> Failure(IReadOnlyList<CrmError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return errors.Count == 0
            ? throw new ArgumentException("A failure needs at least one error.", nameof(errors))
            : new CrmResult<T>(default, errors);
    }

    /// <summary>A failure with one error.</summary>
    /// <param name="error">The error.</param>
    /// <returns>The result.</returns>
    public static CrmResult<T> Failure(CrmError error) => Failure([error]);

    /// <summary>Whether any error has the given code.</summary>
    /// <param name="code">A code from <see cref="CrmErrorCodes"/>.</param>
    /// <returns>Whether it occurs.</returns>
    public bool HasError(string code) => Errors.Any(e => e.Code == code);

    /// <summary>Success text or the list of errors, one per line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsSuccess ? $"Success: {_value}" : "Failure:" + Environment.NewLine + string.Join(Environment.NewLine, Errors);
}
