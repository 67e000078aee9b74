using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace RagPlatform.Benchmarks.Server;

/// <summary>The standalone ingest worker (<c>ingest/RagPlatform.Ingest</c>) as a process of its own,
/// run from its build output as a deployment runs it, configured by environment variables. Ready
/// once the host says it started (the lifetime logger is kept at Information for that line).</summary>
internal sealed class IngestWorkerProcess : IAsyncDisposable
{
    private const string StartedLine = "Application started";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private IngestWorkerProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += Collect;
        process.ErrorDataReceived += Collect;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>What the worker wrote so far (bounded).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Peak resident bytes of the worker so far (VmHWM, Linux; 0 elsewhere). The
    /// extractor processes it starts are not included.</summary>
    public long PeakResidentBytes
    {
        get
        {
            var status = $"/proc/{_process.Id}/status";
            var line = File.Exists(status) ? File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
            return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }

    /// <summary>Starts <c>dotnet <paramref name="binary"/></c> with these configuration keys and waits
    /// until it has started (at most 2 minutes, a bound for a loaded machine).</summary>
    public static async Task<IngestWorkerProcess> StartAsync(string binary, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        if (!File.Exists(binary))
        {
            throw new FileNotFoundException($"The ingest worker is not built at {binary}: run dotnet build ingest/RagPlatform.Ingest -c Release.", binary);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            // The content root: the worker reads appsettings.json from its own folder.
            WorkingDirectory = Path.GetDirectoryName(binary)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(binary);
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var worker = new IngestWorkerProcess(Process.Start(info) ?? throw new InvalidOperationException("The worker did not start."));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var exited = worker._process.WaitForExitAsync(timeout.Token);
        if (await Task.WhenAny(worker._started.Task, exited).ConfigureAwait(false) != worker._started.Task)
        {
            var output = worker.Output;
            await worker.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The ingest worker did not start:\n{output}");
        }

        return worker;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private void Collect(object sender, DataReceivedEventArgs e)
    {
        if (e.Data is null)
        {
            return;
        }

        if (e.Data.Contains(StartedLine, StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }

        lock (_output)
        {
            // Bounded: a worker that logs a storm must not fill this process's memory.
            if (_output.Length < 1 << 20)
            {
                _output.AppendLine(e.Data);
            }
        }
    }
}
