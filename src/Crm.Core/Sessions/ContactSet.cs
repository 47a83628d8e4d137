using Crm.Customers;
using Crm.Sessions.Bulk;

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

    /// <summary>
    /// Imports or syncs many contacts in one atomic commit with an outcome per row: a row whose
    /// contact exists (by <see cref="ContactUpsert.Id"/>, else by its alternate key named
    /// <paramref name="keyName"/>) replaces it (<see cref="Contact.Replace"/>), any other row creates one.
    /// Rows are validated and raise events exactly like single writes. A bad row does not stop the
    /// batch: invalid rows and rows the store refuses are reported and left out, the rest commit
    /// together. Within one batch a key counts once: a later row with the same id or key value is
    /// <see cref="BulkRowStatus.DuplicateInBatch"/> and not applied.
    /// </summary>
    /// <param name="rows">The rows (at most 100,000).</param>
    /// <param name="keyName">The alternate key that identifies rows without an id (e.g. the ERP customer number's name); <see langword="null"/> when every row has an id.</param>
    /// <param name="cancellationToken">Cancels before the commit starts.</param>
    /// <returns>The outcome per row, in row order.</returns>
    /// <exception cref="InvalidOperationException">The session already has uncommitted changes (a bulk upsert commits, so it runs in a session of its own).</exception>
    public Task<BulkUpsertResult> UpsertManyAsync(IReadOnlyList<ContactUpsert> rows, string? keyName = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return BulkUpsert.RunAsync(
            this,
            Session,
            rows,
            row => row?.Draft,
            row => row.Id?.Value,
            draft => KeyValue(draft, keyName),
            keyName,
            (row, draft) => row.Id is { } id ? Contact.Create(id, Session.Context.Tenant, draft, Session.Now) : null,
            Create,
            (contact, draft) => contact.Replace(draft),
            cancellationToken);
    }

    /// <inheritdoc />
    protected override Contact Wrap(ContactData data) => new(data);

    private static string? KeyValue(ContactDraft draft, string? keyName) =>
        keyName is null ? null : draft.AlternateKeys?.FirstOrDefault(k => k?.Name == keyName)?.Value;
}
