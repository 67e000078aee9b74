using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RagPlatform.Api.Tests.Support;

/// <summary>The API host as a process of its own on a loopback port (Kestrel, not the in-memory test
/// server), with a throw-away data folder and temp folder: for tests that need the real server's
/// limits, a host that may die without ending the test run, or the resident memory of the host
/// alone (/proc/pid/status, Linux).</summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output;

    private ApiProcess(Process process, StringBuilder output, Uri address, string root)
    {
        this.process = process;
        this.output = output;
        Address = address;
        Root = root;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The folder that holds <see cref="DataDirectory"/> and <see cref="TempDirectory"/>.</summary>
    public string Root { get; }

    public string DataDirectory => Path.Combine(Root, "data");

    /// <summary>The host's TMPDIR: where the form reader spools uploads and the extractor works.</summary>
    public string TempDirectory => Path.Combine(Root, "tmp");

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the host wrote to stdout and stderr so far.</summary>
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

    /// <summary>Starts <c>dotnet RagPlatform.Api.dll</c> from beside the test binaries, without
    /// models (lexical search only), and waits until it listens (at most 2 minutes: a bound for a
    /// loaded machine).</summary>
    /// <param name="settings">Configuration keys, e.g. "Extraction:MaxPages".</param>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var root = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        var info = new ProcessStartInfo(HostProcess.DotnetHost())
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "RagPlatform.Api.dll"));
        var environment = new Dictionary<string, string>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["TMPDIR"] = Path.Combine(root, "tmp"),
            ["Storage:DataDirectory"] = Path.Combine(root, "data"),
            ["Clip:ModelDirectory"] = Path.Combine(root, "no-model-here"),
            ["Ocr:ModelDirectory"] = Path.Combine(root, "no-model-here"),
            ["Reranking:ModelDirectory"] = "",
            ["Ingestion:PollMilliseconds"] = "50",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The host did not start.");
        var output = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Collect(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                // Bounded: a host that logs a storm must not fill the test's memory.
                if (output.Length < 1 << 20)
                {
                    output.AppendLine(e.Data);
                }
            }

            var at = e.Data.IndexOf("Now listening on: ", StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(new Uri(e.Data[(at + "Now listening on: ".Length)..].Trim()));
            }
        }

        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken));
        if (first != listening.Task)
        {
            var said = output.ToString();
            process.Kill(entireProcessTree: true);
            process.Dispose();
            Directory.Delete(root, recursive: true);
            Assert.Fail($"The host did not start listening:\n{said}");
        }

        return new ApiProcess(process, output, await listening.Task, root);
    }

    /// <summary>Resident bytes of the host now (VmRSS).</summary>
    public long ResidentBytes => StatusBytes(process.Id, "VmRSS:") ?? 0;

    /// <summary>Highest resident bytes of the host since it started (VmHWM).</summary>
    public long PeakResidentBytes => StatusBytes(process.Id, "VmHWM:") ?? 0;

    /// <summary>Processor time the host and its ended children (the extractors it waited for) used so
    /// far: user and system time of /proc/pid/stat.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            var stat = SafeRead($"/proc/{process.Id}/stat");
            if (stat is null)
            {
                return TimeSpan.Zero;
            }

            // Fields after the command name (which may hold spaces): utime is the 14th field of the
            // line, then stime, cutime, cstime, in clock ticks (100 a second on Linux).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = fields[11..15].Sum(f => long.Parse(f, CultureInfo.InvariantCulture));
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
    }

    /// <summary>The host's child processes (the extractors) now, with their resident bytes and their
    /// data-size limit (RLIMIT_DATA, null when unlimited).</summary>
    public IReadOnlyList<(int Id, long ResidentBytes, long? DataLimitBytes)> Children()
    {
        var children = new List<(int, long, long?)>();
        foreach (var task in SafeDirectories($"/proc/{process.Id}/task"))
        {
            var text = SafeRead(Path.Combine(task, "children"));
            foreach (var id in (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(t => int.Parse(t, CultureInfo.InvariantCulture)))
            {
                // Skips a child caught before it became the extractor (prlimit sets the limits on
                // itself, then execs dotnet): it runs nothing of the file yet.
                if (SafeRead($"/proc/{id}/comm")?.Trim() == "dotnet" && StatusBytes(id, "VmRSS:") is { } resident)
                {
                    children.Add((id, resident, DataLimit(id)));
                }
            }
        }

        return children;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static long? StatusBytes(int id, string field)
    {
        var line = SafeRead($"/proc/{id}/status")?.Split('\n').FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? null : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The soft "Max data size" of /proc/pid/limits.</summary>
    private static long? DataLimit(int id)
    {
        var line = SafeRead($"/proc/{id}/limits")?.Split('\n').FirstOrDefault(l => l.StartsWith("Max data size", StringComparison.Ordinal));
        var soft = line?["Max data size".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        return soft is null or "unlimited" ? null : long.Parse(soft, CultureInfo.InvariantCulture);
    }

    // A process may end between listing and reading: that is no error here.
    private static string? SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string[] SafeDirectories(string path)
    {
        try
        {
            return Directory.GetDirectories(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
