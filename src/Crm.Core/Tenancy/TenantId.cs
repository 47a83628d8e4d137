namespace Crm;

/// <summary>
/// The host's identifier of a tenant, as text so an ERP can use its own keys (a number, a code,
/// a UUID). 1–64 characters, no control characters.
/// </summary>
public readonly record struct TenantId
{
    /// <summary>The longest tenant id accepted.</summary>
    public const int MaxLength = 64;

    /// <summary>Creates a tenant id.</summary>
    /// <param name="value">The host's tenant key.</param>
    /// <exception cref="ArgumentException">The value is empty, longer than 64 characters or holds control characters.</exception>
    public TenantId(string value)
    {
        Value = IdentifierText.Check(value, MaxLength, nameof(value), "tenant id");
    }

    /// <summary>The tenant key.</summary>
    public string Value { get; }

    /// <summary>The tenant key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Value ?? string.Empty;
}
