namespace Crm.Storage;

/// <summary>
/// Checks the shape of a commit request before anything is applied: a request that breaks the
/// contract is a bug in the caller, refused with an exception and without a partial write. Every
/// store calls it first in <see cref="ICrmStore.CommitAsync"/>.
/// </summary>
public static class CommitRequestChecks
{
    /// <summary>Throws when the request breaks the contract: a delete with data, an insert or update without it, data of another record or tenant, versions that do not go 1 on insert and +1 per update, outbox messages of another tenant or repeated event ids.</summary>
    /// <param name="context">The operation context of the commit.</param>
    /// <param name="request">The request.</param>
    /// <exception cref="ArgumentException">The request is malformed; nothing may be applied.</exception>
    public static void ThrowIfMalformed(OperationContext context, CommitRequest request)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Writes);
        ArgumentNullException.ThrowIfNull(request.Outbox);
        foreach (var write in request.Writes)
        {
            ArgumentNullException.ThrowIfNull(write, nameof(request));
            if (write.Kind == WriteKind.Delete)
            {
                if (write.Data is not null)
                {
                    throw new ArgumentException($"The delete of {write.Record} carries data; a delete has none.", nameof(request));
                }

                continue;
            }

            var data = write.Data ?? throw new ArgumentException($"The {write.Kind.ToString().ToLowerInvariant()} of {write.Record} has no data.", nameof(request));
            if (data.Ref != write.Record)
            {
                throw new ArgumentException($"The write for {write.Record} carries the data of {data.Ref}.", nameof(request));
            }

            if (data.TenantId != context.Tenant)
            {
                throw new ArgumentException($"{write.Record} belongs to tenant '{data.TenantId}' but the commit runs for tenant '{context.Tenant}'.", nameof(request));
            }

            if (data.Version != write.ExpectedVersion + 1 || (write.Kind == WriteKind.Insert && write.ExpectedVersion != 0))
            {
                throw new ArgumentException($"The {write.Kind.ToString().ToLowerInvariant()} of {write.Record} expects version {write.ExpectedVersion} but stamps {data.Version}; versions go 1 on insert and +1 per update.", nameof(request));
            }
        }

        var eventIds = new HashSet<Guid>(request.Outbox.Count);
        foreach (var message in request.Outbox)
        {
            ArgumentNullException.ThrowIfNull(message, nameof(request));
            if (message.Tenant != context.Tenant)
            {
                throw new ArgumentException($"Event {message.EventId} is for tenant '{message.Tenant}' but the commit runs for tenant '{context.Tenant}'.", nameof(request));
            }

            if (!eventIds.Add(message.EventId))
            {
                throw new ArgumentException($"Event id {message.EventId} appears twice in one commit.", nameof(request));
            }
        }
    }
}
