using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RagPlatform.TestServers.Postgres;

/// <summary>A PostgreSQL 15 server of its own in a temporary folder: initdb, then pg_ctl start on a
/// free loopback port with durability turned off (the data dies with the run). PostgreSQL refuses to
/// run as root, so as root the folder is handed to the postgres user and the tools run as that user.</summary>
internal sealed class LocalPostgresCluster : IAsyncDisposable
{
    public const string BinDirectory = "/usr/lib/postgresql/15/bin";

    private const string ServiceUser = "postgres";

    private readonly string _folder;
    private readonly bool _asServiceUser;

    private LocalPostgresCluster(string folder, bool asServiceUser, int port)
    {
        _folder = folder;
        _asServiceUser = asServiceUser;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A superuser connection to its postgres database.</summary>
    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username={ServiceUser};Database=postgres;Timeout=30;Command Timeout=120";

    public static async Task<LocalPostgresCluster> StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(BinDirectory, "pg_ctl")))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({BinDirectory}/pg_ctl is missing): run scripts/ensure-packages.sh scripts/packages-test.txt, " +
                "or set RAG_TEST_POSTGRES to the connection string of a server whose user may create databases.");
        }

        var folder = Path.Combine(Path.GetTempPath(), $"ragplatform-postgres-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var asServiceUser = Environment.UserName == "root";
        if (asServiceUser)
        {
            await RunAsync("chown", [$"{ServiceUser}:{ServiceUser}", folder], cancellationToken);
        }

        var cluster = new LocalPostgresCluster(folder, asServiceUser, FreePort());
        try
        {
            await cluster.RunToolAsync("initdb", ["-D", cluster.DataFolder, "-U", ServiceUser, "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"], cancellationToken);
            await cluster.RunToolAsync("pg_ctl", [
                "-D", cluster.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "120",
                "-o", $"-F -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=300 -c listen_addresses=127.0.0.1 -p {cluster.Port} -k {folder}",
                "start"], cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
        {
            // Immediate: nothing in it is worth a clean shutdown.
            await RunToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], CancellationToken.None);
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run over.
        }
    }

    private Task RunToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        _asServiceUser
            ? RunAsync("runuser", ["-u", ServiceUser, "--", Path.Combine(BinDirectory, tool), .. arguments], cancellationToken)
            : RunAsync(Path.Combine(BinDirectory, tool), arguments, cancellationToken);

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static int FreePort()
    {
        // The port is free now; another process could take it before the server binds it, which
        // only this machine's own tests could do, and the start would then fail loudly.
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
