using System.Text.Json.Serialization;
using Crm.Customers;
using Crm.Storage;
using Crm.Storage.Querying;
using NodaTime;

namespace Crm.Purchases;

/// <summary>
/// The stored state of a <see cref="Purchase"/>: what the ERP reported a customer bought in one
/// order. Its ERP identity (<see cref="Source"/>, <see cref="OrderNumber"/>) is also its
/// alternate key (name = source, value = order number), unique per tenant.
/// </summary>
public sealed record PurchaseData : AggregateData, IAggregateData<PurchaseData>
{
    /// <summary>The purchase's id.</summary>
    public required PurchaseId Id { get; init; }

    /// <summary>The reporting system's code.</summary>
    public string Source { get; init; } = string.Empty;

    /// <summary>The order number in that system.</summary>
    public string OrderNumber { get; init; } = string.Empty;

    /// <summary>The buying account, if any.</summary>
    public AccountId? AccountId { get; init; }

    /// <summary>The buying contact, if any.</summary>
    public ContactId? ContactId { get; init; }

    /// <summary>The day of the purchase.</summary>
    public LocalDate OrderedOn { get; init; }

    /// <summary>The lines, in line number order.</summary>
    public IReadOnlyList<PurchaseLine> Lines { get; init; } = [];

    /// <summary>The sum of the lines' amounts (kept by the aggregate; zero of the first line's currency when the lines' currencies disagree, which validation refuses).</summary>
    public Money Total { get; init; }

    /// <inheritdoc />
    [JsonIgnore]
    public override string EntityType => EntityTypes.Purchase;

    /// <inheritdoc />
    [JsonIgnore]
    public override Guid Key => Id.Value;

    /// <inheritdoc />
    public static string EntityTypeName => EntityTypes.Purchase;

    /// <inheritdoc />
    public static IEnumerable<RecordField<PurchaseData>> DeclareFields() =>
    [
        RecordField.Text<PurchaseData>("source", d => d.Source),
        RecordField.Text<PurchaseData>("orderNumber", d => d.OrderNumber),
        RecordField.Text<PurchaseData>("accountId", d => d.AccountId?.ToString()),
        RecordField.Text<PurchaseData>("contactId", d => d.ContactId?.ToString()),
        RecordField.Date<PurchaseData>("orderedOn", d => d.OrderedOn),
        RecordField.Text<PurchaseData>("currency", d => d.Total.Currency.Code),
        RecordField.Number<PurchaseData>("total", d => d.Total.Amount),
        RecordField.TextList<PurchaseData>("productCodes", d => d.Lines.Select(l => l.ProductCode)),
    ];

    /// <inheritdoc />
    public static IEnumerable<RecordIndex> DeclareIndexes() =>
    [
        new("purchases_by_account", "accountId", [SortKey.Descending("orderedOn")]),
        new("purchases_by_contact", "contactId", [SortKey.Descending("orderedOn")]),
    ];
}
