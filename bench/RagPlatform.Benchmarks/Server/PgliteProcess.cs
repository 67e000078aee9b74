using System.Diagnostics;
using System.Text.RegularExpressions;
using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Server;

/// <summary>PostgreSQL 18 with pgvector compiled to WebAssembly (PGlite), started as
/// <c>node tests/pglite/serve.mjs</c> on a free loopback port (installed by scripts/fetch-pglite.sh),
/// as the pgvector tests start it. One session in one Node.js process: the connection string allows a
/// single connection. Its numbers are PGlite's, not those of a PostgreSQL server.</summary>
internal sealed partial class PgliteProcess : IAsyncDisposable
{
    private readonly Process _node;

    private PgliteProcess(Process node, string connectionString)
    {
        _node = node;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PgliteProcess> StartAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(BenchPaths.RepositoryRoot, "tests", "pglite");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@electric-sql", "pglite-socket")))
        {
            throw new InvalidOperationException($"PGlite is not installed in {folder}: run scripts/fetch-pglite.sh.");
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
        var errors = node.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (await node.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
        {
            var ready = ReadyLine().Match(line);
            if (ready.Success)
            {
                // A generous command timeout: HNSW inserts in WebAssembly are slow.
                return new PgliteProcess(node, $"Host=127.0.0.1;Port={ready.Groups[1].Value};Username=postgres;Password=postgres;Database=postgres;"
                    + "SSL Mode=Disable;Maximum Pool Size=1;Timeout=60;Command Timeout=1800");
            }
        }

        node.Kill(entireProcessTree: true);
        throw new InvalidOperationException($"PGlite stopped before it was ready: {await errors.ConfigureAwait(false)}");
    }

    public async ValueTask DisposeAsync()
    {
        _node.StandardInput.Close();
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await _node.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            _node.Kill(entireProcessTree: true);
        }

        _node.Dispose();
    }

    [GeneratedRegex(@"^pglite ready port=(\d+)$")]
    private static partial Regex ReadyLine();
}
