using Crm.Customers;

namespace Crm.Sessions.Bulk;

/// <summary>One row of <see cref="ContactSet.UpsertManyAsync"/>: the contact's full state and how to find it.</summary>
/// <param name="Draft">The state to write.</param>
/// <param name="Id">The contact to update (or to create with this id); <see langword="null"/> to match by the batch's alternate key.</param>
public sealed record ContactUpsert(ContactDraft Draft, ContactId? Id = null);
