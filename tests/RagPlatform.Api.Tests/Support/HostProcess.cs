using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RagPlatform.Api.Tests.Support;

/// <summary>The API host run as a process of its own (<c>dotnet RagPlatform.Api.dll</c> from beside
/// the test binaries), for tests that must watch a host die without dying with it.</summary>
internal static class HostProcess
{
    /// <summary>Starts the host on <paramref name="dataDirectory"/> with <paramref name="settings"/>
    /// (configuration keys, e.g. "Extraction:Isolation") and waits until it exits by itself.</summary>
    /// <param name="bound">How long it may run: a generous limit for a loaded machine, after which
    /// the host is killed and the test fails.</param>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(
        string dataDirectory, IReadOnlyDictionary<string, string> settings, TimeSpan bound)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            // The content root: appsettings.json is copied beside the test binaries.
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RagPlatform.Api.dll"));
        info.Environment["Urls"] = "http://127.0.0.1:0";
        info.Environment["Storage__DataDirectory"] = dataDirectory;
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("The host did not start.");
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(bound);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"The host was still running after {bound.TotalSeconds} s:\n{await output}\n{await errors}");
        }

        return (process.ExitCode, await errors + "\n" + await output);
    }

    /// <summary>The dotnet that runs the tests: the shared framework lives in
    /// &lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/.</summary>
    public static string DotnetHost()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var dotnet = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
        return File.Exists(dotnet) ? dotnet : "dotnet";
    }
}
