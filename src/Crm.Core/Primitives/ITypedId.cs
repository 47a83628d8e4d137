namespace Crm;

/// <summary>
/// A strongly typed identifier over a sortable UUIDv7. Implemented by <see cref="AccountId"/>,
/// <see cref="ContactId"/> and the ids of later modules, so the JSON contract and stores can
/// treat them alike.
/// </summary>
/// <typeparam name="TSelf">The id type itself.</typeparam>
public interface ITypedId<TSelf> where TSelf : struct, ITypedId<TSelf>
{
    /// <summary>The underlying UUID.</summary>
    Guid Value { get; }

    /// <summary>Wraps an existing UUID (from storage or the wire) without checking its version.</summary>
    /// <param name="value">The UUID.</param>
    /// <returns>The typed id.</returns>
    static abstract TSelf FromGuid(Guid value);
}
