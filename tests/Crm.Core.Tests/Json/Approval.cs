using System.Runtime.CompilerServices;

namespace Crm.Core.Tests.Json;

/// <summary>
/// A small approval helper: compares text with <c>Snapshots/NAME.verified.json</c> beside the test.
/// On a difference (or a missing snapshot) it writes <c>NAME.received.json</c> and fails. It never
/// approves by itself: a person reviews the received file and renames it. Under <c>CI=true</c> it does
/// not even write the received file into the checkout, so a run can never leave an approval behind.
/// </summary>
internal static class Approval
{
    public static void Verify(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        VerifyFile(Path.Combine(directory, name + ".verified.json"), Path.Combine(directory, name + ".received.json"), actual);
    }

    /// <summary>Compares text with an approved file; on a difference writes the received file beside it (never under CI) and fails.</summary>
    public static void VerifyFile(string verified, string received, string actual)
    {
        var directory = Path.GetDirectoryName(verified)!;
        var name = Path.GetFileName(verified);
        var normalized = actual.ReplaceLineEndings("\n").TrimEnd() + "\n";
        if (File.Exists(verified) && File.ReadAllText(verified).ReplaceLineEndings("\n") == normalized)
        {
            File.Delete(received);
            return;
        }

        var inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (!inCi)
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(received, normalized);
        }

        Assert.Fail(File.Exists(verified)
            ? $"'{name}' differs from {verified}.{(inCi ? " CI never approves snapshots." : $" Review {received} and rename it to {name} if the change is intended.")}\nActual:\n{normalized}"
            : $"No approved snapshot {verified}.{(inCi ? " CI never approves snapshots." : $" Review {received} and rename it to {name}.")}\nActual:\n{normalized}");
    }
}
