using Crm.Storage.Querying;

namespace Crm.Customers;

/// <summary>
/// What an aggregate family's data record declares about itself, so the SDK, the stores and the
/// query model need no list of families: its entity type name and the fields queries can name
/// besides the common ones of <see cref="AggregateData"/>. Modules (sales, service) implement it on
/// their own data records.
/// </summary>
/// <typeparam name="TSelf">The data record itself.</typeparam>
public interface IAggregateData<TSelf> where TSelf : AggregateData, IAggregateData<TSelf>
{
    /// <summary>The entity type name (<c>contact</c>, <c>opportunity</c>): lower-case, stable, used in storage, errors and the change feed.</summary>
    static abstract string EntityTypeName { get; }

    /// <summary>The family's own queryable fields (the common ones are added by the SDK).</summary>
    /// <returns>The fields.</returns>
    static abstract IEnumerable<RecordField<TSelf>> DeclareFields();

    /// <summary>The family's indexes (<see cref="RecordIndex"/>): equality on a text field, then an order. None by default.</summary>
    /// <returns>The indexes.</returns>
    static virtual IEnumerable<RecordIndex> DeclareIndexes() => [];
}
