namespace Crm.Customers;

/// <summary>
/// An email address or phone number of a contact or account. On commit emails are trimmed and
/// lower-cased and phones converted to E.164 with the tenant's default region; invalid values are
/// validation errors.
/// </summary>
/// <param name="Kind">Email or phone.</param>
/// <param name="Value">The address or number.</param>
/// <param name="Label">What it is used for.</param>
/// <param name="IsPrimary">Whether it is the record's primary point of its kind (at most one per kind).</param>
public sealed record ContactPoint(ContactPointKind Kind, string Value, ContactPointLabel Label = ContactPointLabel.Work, bool IsPrimary = false)
{
    /// <summary>An email address.</summary>
    /// <param name="address">The address.</param>
    /// <param name="primary">Whether it is the primary email.</param>
    /// <param name="label">What it is used for.</param>
    /// <returns>The contact point.</returns>
    public static ContactPoint Email(string address, bool primary = false, ContactPointLabel label = ContactPointLabel.Work) =>
        new(ContactPointKind.Email, address, label, primary);

    /// <summary>A phone number.</summary>
    /// <param name="number">The number, international or national to the tenant's default region.</param>
    /// <param name="primary">Whether it is the primary phone.</param>
    /// <param name="label">What it is used for.</param>
    /// <returns>The contact point.</returns>
    public static ContactPoint Phone(string number, bool primary = false, ContactPointLabel label = ContactPointLabel.Work) =>
        new(ContactPointKind.Phone, number, label, primary);
}
