using System.Collections.Immutable;
using Crm.CustomFields;
using Crm.Events;
using NodaTime;

namespace Crm.Customers;

/// <summary>
/// The behaviour shared by the customer aggregates. An aggregate wraps an immutable
/// <see cref="AggregateData"/> and replaces it on every change, so a loaded aggregate never
/// shares mutable state with a store or another unit of work. Methods keep the invariants
/// that need no outside knowledge (one primary contact point per kind, distinct tags, one
/// alternate key value per name); everything else (lengths, formats, custom field types) is
/// validated when the unit of work commits, which reports every problem at once.
/// </summary>
/// <typeparam name="TData">The aggregate's data record.</typeparam>
public abstract class AggregateRoot<TData> where TData : AggregateData
{
    private readonly List<IDomainEvent> _events = [];

    /// <summary>Wraps data loaded from a store or created by a factory.</summary>
    /// <param name="data">The data.</param>
    protected AggregateRoot(TData data)
    {
        Data = data ?? throw new ArgumentNullException(nameof(data));
        Original = data;
    }

    /// <summary>The current state, including uncommitted changes.</summary>
    public TData Data { get; private set; }

    /// <summary>The version this aggregate was loaded or last committed at (0 before its first commit).</summary>
    public long Version => Original.Version;

    /// <summary>Whether this aggregate has not been committed yet.</summary>
    public bool IsNew => Original.Version == 0;

    /// <summary>Whether the aggregate changed since it was loaded or last committed.</summary>
    public bool HasChanges => !ReferenceEquals(Data, Original) || _events.Count > 0;

    /// <summary>The state as loaded or last committed.</summary>
    internal TData Original { get; private set; }

    /// <summary>Events raised since the last commit.</summary>
    internal IReadOnlyList<IDomainEvent> PendingEvents => _events;

    /// <summary>Assigns the record to a user, or clears the owner.</summary>
    /// <param name="owner">The new owner, or <see langword="null"/>.</param>
    public void AssignOwner(UserId? owner) => Change(Data with { OwnerId = owner });

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

    /// <summary>Adds a tag (trimmed); tags stay distinct and ordered.</summary>
    /// <param name="tag">The tag.</param>
    public void Tag(string tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        Change(Data with { Tags = NormalizeTags([.. Data.Tags, tag]) });
    }

    /// <summary>Removes a tag.</summary>
    /// <param name="tag">The tag.</param>
    /// <returns>Whether it was present.</returns>
    public bool Untag(string tag)
    {
        if (!Data.Tags.Contains(tag?.Trim(), StringComparer.Ordinal))
        {
            return false;
        }

        Change(Data with { Tags = [.. Data.Tags.Where(t => t != tag!.Trim())] });
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

    /// <summary>Sets a custom field's value, or removes it when <paramref name="value"/> is <see langword="null"/>. Checked against the schema on commit.</summary>
    /// <param name="name">The field name.</param>
    /// <param name="value">The value.</param>
    public void SetCustomField(string name, ScalarValue? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        var fields = CustomFieldMaps.ToSorted(Data.CustomFields);
        Change(Data with { CustomFields = value is null ? fields.Remove(name) : fields.SetItem(name, value) });
    }

    /// <summary>Sets the value of an alternate key (replacing the key's previous value). Uniqueness is checked by the store on commit.</summary>
    /// <param name="name">The key name.</param>
    /// <param name="value">The value.</param>
    public void SetAlternateKey(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        Change(Data with { AlternateKeys = [.. Data.AlternateKeys.Where(k => k.Name != name), new AlternateKey(name, value)] });
    }

    /// <summary>Removes an alternate key.</summary>
    /// <param name="name">The key name.</param>
    /// <returns>Whether it was present.</returns>
    public bool RemoveAlternateKey(string name)
    {
        if (!Data.AlternateKeys.Any(k => k.Name == name))
        {
            return false;
        }

        Change(Data with { AlternateKeys = [.. Data.AlternateKeys.Where(k => k.Name != name)] });
        return true;
    }

    /// <summary>The value of an alternate key, if set.</summary>
    /// <param name="name">The key name.</param>
    /// <returns>The value or <see langword="null"/>.</returns>
    public string? AlternateKeyValue(string name) => Data.AlternateKeys.FirstOrDefault(k => k.Name == name)?.Value;

    /// <summary>Replaces the state; the one way subclasses change the aggregate.</summary>
    /// <param name="data">The new state.</param>
    protected void Change(AggregateData data) => Data = (TData)data;

    /// <summary>Records an event to be stored with the next commit.</summary>
    /// <param name="domainEvent">The event.</param>
    protected void Raise(IDomainEvent domainEvent) => _events.Add(domainEvent);

    /// <summary>The event the first commit of a new record raises.</summary>
    /// <returns>The event.</returns>
    protected internal abstract IDomainEvent CreatedEvent();

    /// <summary>The event a committed change of an existing record raises.</summary>
    /// <returns>The event.</returns>
    protected internal abstract IDomainEvent UpdatedEvent();

    /// <summary>The event a committed delete raises.</summary>
    /// <returns>The event.</returns>
    protected internal abstract IDomainEvent DeletedEvent();

    /// <summary>Accepts the committed state (new version, timestamps, normalised values) and clears the events.</summary>
    /// <param name="committed">The state as stored.</param>
    internal void MarkCommitted(TData committed)
    {
        Data = committed;
        Original = committed;
        _events.Clear();
    }

    internal static IReadOnlyList<string> NormalizeTags(IReadOnlyCollection<string?>? tags) => tags is null || tags.Count == 0 ? [] :
        [.. tags.Where(t => t is not null).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).Order(TextComparison.CodePoint)];

    private void UpdateConsent(ChannelConsent consent)
    {
        Change(Data with { Consents = [.. Data.Consents.Where(c => c.Channel != consent.Channel).Append(consent).OrderBy(c => c.Channel)] });
        Raise(new ConsentChanged(Data.Ref, consent.Channel, consent.Status, consent.DoNotContact));
    }

    private static bool SamePoint(ContactPoint a, ContactPoint b) =>
        a.Kind == b.Kind && string.Equals(a.Value?.Trim(), b.Value?.Trim(), a.Kind == ContactPointKind.Email ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
}
