using System.Collections.Immutable;
using System.Text.Json.Serialization;
using Crm.CustomFields;
using NodaTime;

namespace Crm.Customers;

/// <summary>
/// The stored state of an aggregate at one version: an immutable record that stores persist and
/// the JSON contract exposes. The parts every aggregate family shares live here (tenant, version,
/// timestamps, owner, tags, custom fields, alternate keys); customers add theirs in
/// <see cref="CustomerData"/>. Aggregate classes change it only through methods that keep its
/// invariants.
/// </summary>
public abstract record AggregateData
{
    /// <summary>The entity type name (<see cref="Storage.EntityTypes"/>).</summary>
    [JsonIgnore]
    public abstract string EntityType { get; }

    /// <summary>The record's id as a plain UUID, for stores.</summary>
    [JsonIgnore]
    public abstract Guid Key { get; }

    /// <summary>The tenant the record belongs to.</summary>
    public required TenantId TenantId { get; init; }

    /// <summary>The version: 1 after insert, +1 per committed update. Managed by the SDK.</summary>
    public long Version { get; init; }

    /// <summary>When the record was first committed (microsecond precision).</summary>
    public Instant CreatedAt { get; init; }

    /// <summary>When the record was last committed (microsecond precision).</summary>
    public Instant UpdatedAt { get; init; }

    /// <summary>The user who owns the record, if any.</summary>
    public UserId? OwnerId { get; init; }

    /// <summary>Tags, distinct and in code point order.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Custom field values by name, validated against the tenant's schema on write.</summary>
    public IReadOnlyDictionary<string, ScalarValue> CustomFields { get; init; } = CustomFieldMaps.Empty;

    /// <summary>Alternate (natural) keys, at most one value per key name.</summary>
    public IReadOnlyList<AlternateKey> AlternateKeys { get; init; } = [];

    /// <summary>
    /// For families that form a hierarchy (accounts), the id of the parent record of the same
    /// family; <see langword="null"/> otherwise. Stores refuse, inside the commit, any write that
    /// would make a record its own ancestor.
    /// </summary>
    [JsonIgnore]
    public virtual Guid? ParentKey => null;

    /// <summary>The record's reference (entity type and id), for errors and events.</summary>
    [JsonIgnore]
    public RecordRef Ref => new(EntityType, Key);
}
