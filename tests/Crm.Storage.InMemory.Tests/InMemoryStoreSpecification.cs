using Crm.Storage.Specification;
using NodaTime;

namespace Crm.Storage.InMemory.Tests;

/// <summary>The whole specification kit against the in-memory store.</summary>
public sealed class InMemoryStoreSpecification : StoreSpecification
{
    protected override ValueTask<ICrmStore> CreateStoreAsync(IClock clock) => ValueTask.FromResult<ICrmStore>(new InMemoryCrmStore(clock));
}
