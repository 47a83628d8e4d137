namespace Crm;

/// <summary>The host's identifier of a business unit (organisational unit) of the host application, as text (1–128 characters) so the host's own key fits.</summary>
public readonly record struct BusinessUnitId
{
    /// <summary>Creates the id.</summary>
    /// <param name="value">The host's key.</param>
    /// <exception cref="ArgumentException">The value is empty, longer than 128 characters or holds control characters.</exception>
    public BusinessUnitId(string value)
    {
        Value = IdentifierText.Check(value, 128, nameof(value), "businessunit id");
    }

    /// <summary>The key.</summary>
    public string Value { get; }

    /// <summary>The key.</summary>
    /// <returns>The key.</returns>
    public override string ToString() => Value ?? string.Empty;
}
