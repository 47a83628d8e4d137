using System.Reflection;

namespace Crm.Storage.Specification.Tests;

/// <summary>Runs one test of the kit on a kit class by hand, as xUnit would, and returns its failure (or null when it passed).</summary>
internal static class KitRunner
{
    public static async Task<Exception?> RunAsync(Type kitType, string testName)
    {
        var method = kitType.GetMethod(testName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"The kit has no test named {testName}.", nameof(testName));
        var kit = (StoreSpecification)Activator.CreateInstance(kitType, nonPublic: true)!;
        await kit.InitializeAsync();
        try
        {
            await (Task)method.Invoke(kit, null)!;
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
#pragma warning disable CA1031 // Any failure of the kit's test is the result we want.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return e;
        }
        finally
        {
            await kit.DisposeAsync();
        }
    }
}
