namespace Crm.Customers;

/// <summary>The kind of a <see cref="ContactPoint"/>. Each kind has at most one primary point per record.</summary>
public enum ContactPointKind
{
    /// <summary>An email address, stored lower-cased.</summary>
    Email,

    /// <summary>A phone number, stored in E.164 (<c>+4930123456</c>).</summary>
    Phone,
}
