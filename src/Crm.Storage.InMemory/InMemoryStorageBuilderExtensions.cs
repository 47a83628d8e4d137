using Crm.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Crm.Storage.InMemory;

/// <summary>Registers the in-memory store.</summary>
public static class InMemoryStorageBuilderExtensions
{
    /// <summary>Keeps everything in this process (a singleton <see cref="InMemoryCrmStore"/>): for tests, samples and small embeds.</summary>
    /// <param name="builder">The builder.</param>
    /// <returns>The builder.</returns>
    public static CrmBuilder UseInMemoryStorage(this CrmBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseStorage("InMemory", sp => new InMemoryCrmStore(sp.GetRequiredService<IClock>()));
    }
}
