using Crm.Events;
using NodaTime;

namespace Crm.Customers;

/// <summary>
/// The behaviour shared by the customer aggregates (<see cref="Contact"/>, <see cref="Account"/>):
/// lifecycle, classification, contact points (one primary per kind), addresses and consent.
/// </summary>
/// <typeparam name="TData">The aggregate's data record.</typeparam>
public abstract class CustomerAggregate<TData> : AggregateRoot<TData> where TData : CustomerData
{
    /// <summary>Wraps data loaded from a store or created by a factory.</summary>
    /// <param name="data">The data.</param>
    protected CustomerAggregate(TData data)
        : base(data)
    {
    }

    /// <summary>Moves the record to a lifecycle stage.</summary>
    /// <param name="stage">The stage.</param>
    public void SetLifecycleStage(LifecycleStage stage) => Change(Data with { LifecycleStage = stage });

    /// <summary>Sets or clears the classification code.</summary>
    /// <param name="classification">The code, or <see langword="null"/>.</param>
    public void SetClassification(string? classification) => Change(Data with { Classification = classification });

    /// <summary>
    /// Adds an email or phone. The first point of a kind becomes primary; a point added as primary
    /// demotes the previous primary of its kind. Adding a value already present (same kind, same text
    /// ignoring surrounding blanks, emails ignoring case) replaces it; a replaced primary stays primary.
    /// </summary>
    /// <param name="point">The contact point.</param>
    public void AddContactPoint(ContactPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        var replaced = Data.ContactPoints.FirstOrDefault(p => SamePoint(p, point));
        var points = Data.ContactPoints.Where(p => !ReferenceEquals(p, replaced)).ToList();
        var makePrimary = point.IsPrimary || replaced?.IsPrimary == true || !points.Any(p => p.Kind == point.Kind);
        if (makePrimary)
        {
            points = points.Select(p => p.Kind == point.Kind && p.IsPrimary ? p with { IsPrimary = false } : p).ToList();
        }

        points.Add(point with { IsPrimary = makePrimary });
        Change(Data with { ContactPoints = [.. points] });
    }

    /// <summary>Removes an email or phone; if it was primary, the next point of its kind becomes primary.</summary>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The value as stored (emails lower-case, phones E.164) or as entered.</param>
    /// <returns>Whether a point was removed.</returns>
    public bool RemoveContactPoint(ContactPointKind kind, string value)
    {
        var removed = Data.ContactPoints.FirstOrDefault(p => SamePoint(p, new ContactPoint(kind, value)));
        if (removed is null)
        {
            return false;
        }

        var points = Data.ContactPoints.Where(p => !ReferenceEquals(p, removed)).ToList();
        if (removed.IsPrimary)
        {
            var next = points.FindIndex(p => p.Kind == kind);
            if (next >= 0)
            {
                points[next] = points[next] with { IsPrimary = true };
            }
        }

        Change(Data with { ContactPoints = [.. points] });
        return true;
    }

    /// <summary>The primary contact point of a kind, if any.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The point or <see langword="null"/>.</returns>
    public ContactPoint? PrimaryContactPoint(ContactPointKind kind) => Data.ContactPoints.FirstOrDefault(p => p.Kind == kind && p.IsPrimary);

    /// <summary>Adds a postal address.</summary>
    /// <param name="address">The address.</param>
    public void AddAddress(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        Change(Data with { Addresses = [.. Data.Addresses, address] });
    }

    /// <summary>Removes an address equal to the given one.</summary>
    /// <param name="address">The address.</param>
    /// <returns>Whether one was removed.</returns>
    public bool RemoveAddress(Address address)
    {
        var index = Data.Addresses.ToList().IndexOf(address);
        if (index < 0)
        {
            return false;
        }

        Change(Data with { Addresses = [.. Data.Addresses.Where((_, i) => i != index)] });
        return true;
    }

    /// <summary>Records consent for a channel and raises <see cref="ConsentChanged"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="status">The consent status.</param>
    /// <param name="at">When the consent was given or withdrawn.</param>
    /// <param name="source">Where it came from (a form, a call).</param>
    public void SetConsent(ContactChannel channel, ConsentStatus status, Instant at, string? source = null)
    {
        var current = ConsentFor(channel);
        UpdateConsent(new ChannelConsent(channel, status, current?.DoNotContact ?? false, at.ToMicroseconds(), source));
    }

    /// <summary>Sets or clears do-not-contact for a channel and raises <see cref="ConsentChanged"/>.</summary>
    /// <param name="channel">The channel.</param>
    /// <param name="doNotContact">Whether the channel must not be used.</param>
    /// <param name="at">When this was decided.</param>
    /// <param name="source">Where it came from.</param>
    public void SetDoNotContact(ContactChannel channel, bool doNotContact, Instant at, string? source = null)
    {
        var current = ConsentFor(channel);
        UpdateConsent(new ChannelConsent(channel, current?.Status ?? ConsentStatus.Unknown, doNotContact, at.ToMicroseconds(), source ?? current?.Source));
    }

    /// <summary>The consent entry of a channel, if any was recorded.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>The entry or <see langword="null"/>.</returns>
    public ChannelConsent? ConsentFor(ContactChannel channel) => Data.Consents.FirstOrDefault(c => c.Channel == channel);

    /// <summary>Whether marketing may use a channel: consent granted and not do-not-contact.</summary>
    /// <param name="channel">The channel.</param>
    /// <returns>Whether contact is allowed.</returns>
    public bool MayContact(ContactChannel channel) => ConsentFor(channel) is { Status: ConsentStatus.Granted, DoNotContact: false };

    private void UpdateConsent(ChannelConsent consent)
    {
        Change(Data with { Consents = [.. Data.Consents.Where(c => c.Channel != consent.Channel).Append(consent).OrderBy(c => c.Channel)] });
        Raise(new ConsentChanged(Data.Ref, consent.Channel, consent.Status, consent.DoNotContact));
    }

    private static bool SamePoint(ContactPoint a, ContactPoint b) =>
        a.Kind == b.Kind && string.Equals(a.Value?.Trim(), b.Value?.Trim(), a.Kind == ContactPointKind.Email ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
