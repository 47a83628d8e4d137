namespace Crm.Customers;

/// <summary>
/// A natural key a record is also known by — an ERP customer number, a legacy id. Unique per
/// (tenant, entity type, <see cref="Name"/>, <see cref="Value"/>); a record has at most one
/// value per name. Names match <c>^[A-Za-z][A-Za-z0-9_.-]{0,63}$</c>; values are 1–256
/// characters, compared exactly.
/// </summary>
/// <param name="Name">The key's name, e.g. <c>erpCustomerNumber</c>.</param>
/// <param name="Value">The key's value, e.g. <c>C-10042</c>.</param>
public sealed record AlternateKey(string Name, string Value);
