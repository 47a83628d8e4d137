using Crm.Customers;

namespace Crm.Sessions;

/// <summary>The contacts of a session.</summary>
public sealed class ContactSet : AggregateSet<Contact, ContactData, ContactId>
{
    internal ContactSet(CrmSession session)
        : base(session)
    {
    }

    /// <summary>Creates a contact from a draft (new UUIDv7 id, the session's tenant, now) and adds it to be inserted on commit.</summary>
    /// <param name="draft">The caller's data; validated on commit.</param>
    /// <returns>The new contact.</returns>
    public Contact Create(ContactDraft draft)
    {
        var contact = Contact.Create(ContactId.FromGuid(Session.NewId()), Session.Context.Tenant, draft, Session.Now);
        Add(contact);
        return contact;
    }

    /// <inheritdoc />
    protected override Contact Wrap(ContactData data) => new(data);
}
