using System.Collections.Immutable;
using Crm.CustomFields;
using Crm.Events;
using NodaTime;

namespace Crm.Customers;

/// <summary>
/// The behaviour shared by every aggregate. An aggregate wraps an immutable
/// <see cref="AggregateData"/> and replaces it on every change, so a loaded aggregate never
/// shares mutable state with a store or another unit of work. Methods keep the invariants
/// that need no outside knowledge (distinct tags, one alternate key value per name); everything
/// else (lengths, formats, custom field types) is validated when the unit of work commits, which
/// reports every problem at once. Customers add theirs in <see cref="CustomerAggregate{TData}"/>.
/// </summary>
/// <typeparam name="TData">The aggregate's data record.</typeparam>
public abstract class AggregateRoot<TData> where TData : AggregateData
{
    // Created on the first raised event: most aggregates of an import raise none of their own.
    private List<IDomainEvent>? _events;

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
    public bool HasChanges => !ReferenceEquals(Data, Original) || _events is { Count: > 0 };

    /// <summary>The state as loaded or last committed (what an aggregate compares with to decide which event a change raises).</summary>
    protected internal TData Original { get; private set; }

    /// <summary>Events raised since the last commit.</summary>
    internal IReadOnlyList<IDomainEvent> PendingEvents => _events ?? (IReadOnlyList<IDomainEvent>)[];

    /// <summary>Assigns the record to a user, or clears the owner.</summary>
    /// <param name="owner">The new owner, or <see langword="null"/>.</param>
    public void AssignOwner(UserId? owner) => Change(Data with { OwnerId = owner });

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
    protected void Raise(IDomainEvent domainEvent) => (_events ??= []).Add(domainEvent);

    /// <summary>The event the first commit of a new record raises.</summary>
    /// <returns>The event, or <see langword="null"/> for a family whose changes raise none of their own.</returns>
    protected internal abstract IDomainEvent? CreatedEvent();

    /// <summary>The event a committed change of an existing record raises.</summary>
    /// <returns>The event, or <see langword="null"/> for a family whose changes raise none of their own.</returns>
    protected internal abstract IDomainEvent? UpdatedEvent();

    /// <summary>The event a committed delete raises.</summary>
    /// <returns>The event, or <see langword="null"/> for a family whose changes raise none of their own.</returns>
    protected internal abstract IDomainEvent? DeletedEvent();

    /// <summary>Accepts the committed state (new version, timestamps, normalised values) and clears the events.</summary>
    /// <param name="committed">The state as stored.</param>
    internal void MarkCommitted(TData committed)
    {
        Data = committed;
        Original = committed;
        _events?.Clear();
    }

    internal static IReadOnlyList<string> NormalizeTags(IReadOnlyCollection<string?>? tags) => tags is null || tags.Count == 0 ? [] :
        [.. tags.Where(t => t is not null).Select(t => t!.Trim()).Distinct(StringComparer.Ordinal).Order(TextComparison.CodePoint)];
}
