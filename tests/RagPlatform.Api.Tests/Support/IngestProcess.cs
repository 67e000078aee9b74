using System.Diagnostics;
using System.Text;

namespace RagPlatform.Api.Tests.Support;

/// <summary>The standalone ingest worker (<c>ingest/RagPlatform.Ingest</c>) as a process of its own,
/// run from its own build output as a deployment runs it (its own dependency manifest, the plain .NET
/// runtime): for tests that start several workers and kill one.</summary>
internal sealed class IngestProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private IngestProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => process.HasExited;

    /// <summary>What the worker wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The worker's binary, built beside this test project in the same configuration.</summary>
    public static string Binary
    {
        get
        {
            // <project>/bin/<configuration>/<framework>/ of the tests → the same of the ingest host.
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var tail = Path.Combine(output.Parent!.Parent!.Name, output.Parent.Name, output.Name);
            return Path.Combine(RepositoryPaths.Root, "ingest", "RagPlatform.Ingest", tail, "RagPlatform.Ingest.dll");
        }
    }

    /// <summary>Starts a worker with these configuration keys (as environment variables).</summary>
    public static IngestProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        Assert.True(File.Exists(Binary), $"The ingest worker is not built at {Binary}.");
        var info = new ProcessStartInfo(HostProcess.DotnetHost())
        {
            // The content root: the worker reads appsettings.json from its own folder.
            WorkingDirectory = Path.GetDirectoryName(Binary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Binary);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new IngestProcess(Process.Start(info) ?? throw new InvalidOperationException("The worker did not start."));
    }

    /// <summary>Ends the worker at once, as a power cut or an OOM kill would: no shutdown, no
    /// released leases.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        process.Dispose();
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        lock (output)
        {
            // Bounded: a worker that logs a storm must not fill the test's memory.
            if (output.Length < 1 << 20)
            {
                output.AppendLine(e.Data);
            }
        }
    }
}
