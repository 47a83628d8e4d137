namespace Crm;

/// <summary>Names one record: its entity type (<c>contact</c>, <c>account</c>) and id.</summary>
/// <param name="EntityType">The entity type name, as in <see cref="Storage.EntityTypes"/>.</param>
/// <param name="Id">The record id.</param>
public readonly record struct RecordRef(string EntityType, Guid Id)
{
    /// <summary>The text form <c>contact/0190...</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{EntityType}/{Id:D}";
}
