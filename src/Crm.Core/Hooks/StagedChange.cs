using Crm.Customers;
using Crm.Storage;

namespace Crm.Hooks;

/// <summary>One change of a commit as hooks see it.</summary>
/// <param name="Kind">Insert, update or delete.</param>
/// <param name="Data">The record as it stands at this stage (before validation: as staged; after: as it will be written).</param>
/// <param name="Original">The record as loaded, or <see langword="null"/> for an insert.</param>
public sealed record StagedChange(WriteKind Kind, AggregateData Data, AggregateData? Original);
