using System.Diagnostics;
using System.Text.RegularExpressions;

namespace RagPlatform.TestServers.Pglite;

/// <summary>PostgreSQL 18 with pgvector in WebAssembly (PGlite), started as
/// <c>node tests/pglite/serve.mjs</c> on a free loopback port and stopped when disposed. Installed by
/// scripts/fetch-pglite.sh (npm ci in tests/pglite). PGlite is a single session: one connection.</summary>
public sealed partial class PgliteServer : IAsyncDisposable
{
    /// <summary>Start-up takes about 3 s here; generous for a loaded 2-core machine.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _node;

    private PgliteServer(Process node, string connectionString)
    {
        _node = node;
        ConnectionString = connectionString;
    }

    /// <summary>Connects with one pooled connection: PGlite runs one session, so a second would
    /// share (and disturb) the first one's transaction.</summary>
    public string ConnectionString { get; }

    public static async Task<PgliteServer> StartAsync()
    {
        var folder = PgliteFolder();
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@electric-sql", "pglite-socket")))
        {
            throw new InvalidOperationException($"PGlite is not installed in {folder}: run scripts/fetch-pglite.sh (npm ci there).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true, // closing it stops the server, even if this process dies
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("serve.mjs");
        var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var errors = node.StandardError.ReadToEndAsync();
        try
        {
            return new PgliteServer(node, await WaitUntilReadyAsync(node, errors));
        }
        catch
        {
            await StopAsync(node);
            throw;
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(_node));

    private static async Task StopAsync(Process node)
    {
        node.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await node.WaitForExitAsync(grace.Token);
        }
        catch (OperationCanceledException)
        {
            node.Kill(entireProcessTree: true);
        }

        node.Dispose();
    }

    private static async Task<string> WaitUntilReadyAsync(Process node, Task<string> errors)
    {
        using var timeout = new CancellationTokenSource(ReadyTimeout);
        while (await node.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            var ready = ReadyLine().Match(line);
            if (ready.Success)
            {
                // Timeout: waits for the single pooled connection behind a long statement.
                return $"Host=127.0.0.1;Port={ready.Groups[1].Value};Username=postgres;Password=postgres;Database=postgres;"
                    + "SSL Mode=Disable;Maximum Pool Size=1;Timeout=60;Command Timeout=120";
            }
        }

        throw new InvalidOperationException($"PGlite stopped before it was ready: {await errors}");
    }

    private static string PgliteFolder()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "tests", "pglite");
            if (File.Exists(Path.Combine(candidate, "serve.mjs")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"tests/pglite/serve.mjs is not above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"^pglite ready port=(\d+)$")]
    private static partial Regex ReadyLine();
}
