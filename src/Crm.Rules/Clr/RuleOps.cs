using Crm.Rules.Evaluation;
using NodaTime;

namespace Crm.Rules.Clr;

/// <summary>
/// The operations compiled rules over CLR types call: the semantics of docs/rules.md on typed,
/// nullable values, without allocating. Expression trees bind to these by name and parameter types.
/// </summary>
internal static class RuleOps
{
    public const int Less = 0;
    public const int LessOrEqual = 1;
    public const int Greater = 2;
    public const int GreaterOrEqual = 3;

    /// <summary>
    /// The error of the last record this thread's compiled rules could not evaluate: the rule's
    /// delegate returns false for it and leaves the message here for <c>Evaluate</c>.
    /// </summary>
    [ThreadStatic]
    private static string? _error;

    [NoRecordError]
    public static bool Fail(RecordErrorException error) => SetError(error.Message);

    /// <summary>Leaves a record's error for <c>Evaluate</c>; false, the rule's result for that record.</summary>
    [NoRecordError]
    public static bool SetError(string message)
    {
        _error = message;
        return false;
    }

    /// <summary>The message <see cref="Fail"/> left since the last call, and none from now on.</summary>
    [NoRecordError]
    public static string? TakeError()
    {
        var error = _error;
        _error = null;
        return error;
    }

    [NoRecordError]
    public static bool Eq<T>(T? a, T? b)
        where T : struct, IEquatable<T> => a.HasValue ? b.HasValue && a.Value.Equals(b.Value) : !b.HasValue;

    [NoRecordError]
    public static bool Eq<T>(T a, T b)
        where T : struct, IEquatable<T> => a.Equals(b);

    [NoRecordError]
    public static bool Eq(string? a, string? b) => string.Equals(a, b, StringComparison.Ordinal);

    [NoRecordError]
    public static bool Order<T>(T? a, T? b, int op)
        where T : struct, IComparable<T> => a.HasValue && b.HasValue && Test(a.Value.CompareTo(b.Value), op);

    [NoRecordError]
    public static bool Order<T>(T a, T b, int op)
        where T : struct, IComparable<T> => Test(a.CompareTo(b), op);

    [NoRecordError]
    public static bool Order(string? a, string? b, int op) => a is not null && b is not null && Test(Values.CompareCodePoints(a, b), op);

    [NoRecordError]
    public static bool Test(int order, int op) => op switch
    {
        Less => order < 0,
        LessOrEqual => order <= 0,
        Greater => order > 0,
        _ => order >= 0,
    };

    [NoRecordError]
    public static bool In<T>(T? value, T[] items)
        where T : struct, IEquatable<T>
    {
        if (!value.HasValue)
        {
            return false;
        }

        foreach (var item in items)
        {
            if (item.Equals(value.Value))
            {
                return true;
            }
        }

        return false;
    }

    [NoRecordError]
    public static bool In(string? value, string[] items)
    {
        if (value is null)
        {
            return false;
        }

        foreach (var item in items)
        {
            if (string.Equals(item, value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [NoRecordError]
    public static bool Contains(string? a, string? b) => a is not null && b is not null && a.Contains(b, StringComparison.Ordinal);

    [NoRecordError]
    public static bool StartsWith(string? a, string? b) => a is not null && b is not null && a.StartsWith(b, StringComparison.Ordinal);

    [NoRecordError]
    public static bool EndsWith(string? a, string? b) => a is not null && b is not null && a.EndsWith(b, StringComparison.Ordinal);

    [NoRecordError]
    public static bool ListContains(IReadOnlyList<string>? list, string? value)
    {
        if (list is null || value is null)
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (string.Equals(list[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    [NoRecordError]
    public static bool ListContains(IReadOnlyList<decimal>? list, decimal? value)
    {
        if (list is null || !value.HasValue)
        {
            return false;
        }

        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value.Value)
            {
                return true;
            }
        }

        return false;
    }

    // count, any and all for the interpreter's tree; the IL's tree has them as loops (ClrRuleCompiler.Aggregate), with the same order of checks.
    public static int Count<TElement>(IReadOnlyList<TElement>? list, Func<TElement, bool>? where, string? nullElement)
    {
        var count = 0;
        for (var i = 0; list is not null && i < list.Count; i++)
        {
            if (Take(list[i], where, nullElement))
            {
                count++;
            }
        }

        return count;
    }

    public static bool Any<TElement>(IReadOnlyList<TElement>? list, Func<TElement, bool>? where, string? nullElement)
    {
        for (var i = 0; list is not null && i < list.Count; i++)
        {
            if (Take(list[i], where, nullElement))
            {
                return true;
            }
        }

        return false;
    }

    public static bool All<TElement>(IReadOnlyList<TElement>? list, Func<TElement, bool>? where, string? nullElement)
    {
        for (var i = 0; list is not null && i < list.Count; i++)
        {
            if (!Take(list[i], where, nullElement))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Take<TElement>(TElement element, Func<TElement, bool>? where, string? nullElement) =>
        nullElement is not null && element is null ? throw new RecordErrorException(nullElement) : where is null || where(element);

    public static decimal? Add(decimal? a, decimal? b) => a.HasValue && b.HasValue ? JsonRuleCompiler.Numbers(Syntax.BinaryOperator.Add, a.Value, b.Value) : null;

    public static decimal? Subtract(decimal? a, decimal? b) => a.HasValue && b.HasValue ? JsonRuleCompiler.Numbers(Syntax.BinaryOperator.Subtract, a.Value, b.Value) : null;

    public static decimal? Multiply(decimal? a, decimal? b) => a.HasValue && b.HasValue ? JsonRuleCompiler.Numbers(Syntax.BinaryOperator.Multiply, a.Value, b.Value) : null;

    public static decimal? Divide(decimal? a, decimal? b) => a.HasValue && b.HasValue ? JsonRuleCompiler.Numbers(Syntax.BinaryOperator.Divide, a.Value, b.Value) : null;

    [NoRecordError]
    public static decimal? Negate(decimal? a) => -a;

    public static Duration? Negate(Duration? a) => a.HasValue ? InRange(a.Value, static x => -x) : null;

    public static Instant? Add(Instant? a, Duration? b) => a.HasValue && b.HasValue ? InRange(a.Value, b.Value, static (x, y) => x + y) : null;

    public static Instant? Subtract(Instant? a, Duration? b) => a.HasValue && b.HasValue ? InRange(a.Value, b.Value, static (x, y) => x - y) : null;

    public static LocalDate? Add(LocalDate? a, Duration? b) => a.HasValue && b.HasValue ? InRange(a.Value, b.Value, static (x, y) => x.PlusDays(checked((int)y.Days))) : null;

    public static LocalDate? Subtract(LocalDate? a, Duration? b) => a.HasValue && b.HasValue ? InRange(a.Value, b.Value, static (x, y) => x.PlusDays(checked(-(int)y.Days))) : null;

    public static Duration? Add(Duration? a, Duration? b) => a.HasValue && b.HasValue ? InRange(a.Value, b.Value, static (x, y) => x + y) : null;

    public static Duration? Subtract(Duration? a, Duration? b) => a.HasValue && b.HasValue ? InRange(a.Value, b.Value, static (x, y) => x - y) : null;

    [NoRecordError]
    public static string? Lower(string? s) => s is null ? null : Values.Lower(s);

    [NoRecordError]
    public static string? Upper(string? s) => s is null ? null : Values.Upper(s);

    [NoRecordError]
    public static string? Trim(string? s) => s?.Trim();

    [NoRecordError]
    public static decimal? Length(string? s) => s is null ? null : Values.Length(s);

    public static Duration? Days(decimal? n) => n.HasValue ? InRange(n.Value, static x => Duration.FromDays(Whole(x, "days"))) : null;

    public static Duration? Hours(decimal? n) => n.HasValue ? InRange(n.Value, static x => Duration.FromHours(Whole(x, "hours"))) : null;

    public static Duration? Minutes(decimal? n) => n.HasValue ? InRange(n.Value, static x => Duration.FromMinutes(Whole(x, "minutes"))) : null;

    [NoRecordError]
    public static decimal? Number(int? n) => n;

    [NoRecordError]
    public static decimal? Number(long? n) => n;

    private static long Whole(decimal n, string function) => decimal.Truncate(n) == n
        ? decimal.ToInt64(n)
        : throw new RecordErrorException($"{function}() takes a whole number, not {n}");

    // Dates and times beyond NodaTime's range are a record error; the operations are static lambdas, so nothing is allocated.
    private static TResult InRange<T, TResult>(T value, Func<T, TResult> operation)
    {
        try
        {
            return operation(value);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw OutOfRange();
        }
    }

    private static TResult InRange<T1, T2, TResult>(T1 left, T2 right, Func<T1, T2, TResult> operation)
    {
        try
        {
            return operation(left, right);
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            throw OutOfRange();
        }
    }

    private static RecordErrorException OutOfRange() => new("a date or time outside the supported range (years -9998 to 9999)");
}
