namespace Crm;

/// <summary>
/// Thrown when amounts of two currencies are combined without conversion. A bug in the caller:
/// convert one amount with an <see cref="ExchangeRate"/> first.
/// </summary>
public sealed class CurrencyMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception for two currencies.</summary>
    /// <param name="left">The first currency.</param>
    /// <param name="right">The second currency.</param>
    public CurrencyMismatchException(Currency left, Currency right)
        : base($"Cannot combine {left.Code} with {right.Code}; convert with a dated ExchangeRate first. (error code {CrmErrorCodes.CurrencyMismatch})")
    {
        Left = left;
        Right = right;
    }

    /// <summary>The first currency.</summary>
    public Currency Left { get; }

    /// <summary>The second currency.</summary>
    public Currency Right { get; }
}
