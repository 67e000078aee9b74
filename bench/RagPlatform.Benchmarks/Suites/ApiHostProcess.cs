using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>A built API host (RagPlatform.Api.dll) started as its own process on a loopback port and
/// a throw-away data folder, so its resident memory is its own. Linux only for the memory figures
/// (/proc/pid/status; the peak is reset through /proc/pid/clear_refs).</summary>
internal sealed class ApiHostProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ApiHostProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public static async Task<ApiHostProcess> StartAsync(string apiDll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("ragplatform-bench-images-").FullName;
        var start = new ProcessStartInfo("dotnet", [apiDll]) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(apiDll)! };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Storage__DataDirectory"] = data;
        start.Environment["Clip__ModelDirectory"] = Path.Combine(data, "no-model");
        start.Environment["Ocr__ModelDirectory"] = Path.Combine(data, "no-model");
        start.Environment["Reranking__ModelDirectory"] = "";
        start.Environment["Ingestion__PollMilliseconds"] = "100";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var host = new ApiHostProcess(process, new Uri($"http://127.0.0.1:{port}"), data);
        using var http = new HttpClient { BaseAddress = host.Address };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync("/health", cancellationToken).ConfigureAwait(false);
                return host;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(200, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Resident bytes now (VmRSS).</summary>
    public long ResidentBytes => Status("VmRSS:");

    /// <summary>Peak resident bytes since start or since <see cref="ResetPeak"/> (VmHWM).</summary>
    public long PeakResidentBytes => Status("VmHWM:");

    public void ResetPeak() => File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }

    private long Status(string field)
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
