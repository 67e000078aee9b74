using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using NetVips;
using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`image-load`: the hostile image GETs of issue 11 against a built API host in its own
/// process: one 9990 × 9990 PNG (a few hundred KB), 8 concurrent GETs with different maxSide, then 12
/// sequential ones with other sizes; latency of each and the host's peak and settled resident
/// memory. Then ten hostile PDFs (tests/fixtures/hostile) ingested, and the resident memory once idle.
/// Run it against an older build with --api to compare; --env sets GC variables (DOTNET_gcServer=0 …).</summary>
internal static class ImageLoadSuite
{
    private static readonly int[] ConcurrentSizes = [100, 300, 600, 1100, 1600, 2100, 3000, 4000];
    private static readonly int[] SequentialSizes = [120, 200, 256, 400, 511, 700, 1000, 1500, 2047, 2500, 3500, 4096];

    public static async Task<int> RunAsync(BenchSettings settings, string apiDll, IReadOnlyDictionary<string, string> environment, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("image-load", settings);
        var label = environment.Count == 0 ? "defaults" : string.Join(' ', environment.Select(e => $"{e.Key}={e.Value}"));
        BenchConsole.Heading($"image-load: {apiDll} ({label})");
        await using var host = await ApiHostProcess.StartAsync(apiDll, environment, cancellationToken).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };

        byte[] png;
        using (var black = NetVips.Image.Black(9990, 9990, bands: 3))
        using (var colour = black.Linear([1.0, 1.0, 1.0], [200.0, 220.0, 240.0]).Cast(Enums.BandFormat.Uchar))
        {
            png = colour.PngsaveBuffer(compression: 9);
        }

        var item = await IngestImageAsync(http, png, cancellationToken).ConfigureAwait(false);
        var idle = host.ResidentBytes;
        host.ResetPeak();
        var concurrent = await Task.WhenAll(ConcurrentSizes.Select(side => TimedGetAsync(http, item, side, cancellationToken))).ConfigureAwait(false);
        var concurrentPeak = host.PeakResidentBytes;
        var sequential = new List<double>();
        foreach (var side in SequentialSizes)
        {
            sequential.Add(await TimedGetAsync(http, item, side, cancellationToken).ConfigureAwait(false));
        }

        var peak = Math.Max(concurrentPeak, host.PeakResidentBytes);
        var after = host.ResidentBytes;
        var derived = Directory.EnumerateFiles(host.DataDirectory, "*", SearchOption.AllDirectories).Where(f => f.Contains("/derived/", StringComparison.Ordinal)).ToList();
        var row = new ImageLoadRow(label, png.Length, Mib(idle), LatencySummary.From(concurrent), LatencySummary.From(sequential), Mib(peak), Mib(after),
            derived.Count, derived.Sum(f => new FileInfo(f).Length) / 1024.0);
        run.Add(row);
        BenchConsole.Table(["phase", "GETs", "p50 ms", "max ms"],
        [
            ["8 concurrent", "8", Cell.Of(row.Concurrent.P50Ms, "F0"), Cell.Of(concurrent.Max(), "F0")],
            ["12 sequential", "12", Cell.Of(row.Sequential.P50Ms, "F0"), Cell.Of(sequential.Max(), "F0")],
        ]);
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"PNG {png.Length / 1024} KiB; RSS idle {row.IdleRssMib:F0} MiB, peak during GETs {row.PeakRssMib:F0} MiB, after {row.AfterRssMib:F0} MiB; derived blobs {row.DerivedBlobs} ({row.DerivedKib:F0} KiB)."));

        var hostile = Path.Combine(BenchPaths.RepositoryRoot, "tests", "fixtures", "hostile");
        var files = Directory.GetFiles(hostile, "*.pdf").Order(StringComparer.Ordinal).Take(10).ToList();
        host.ResetPeak();
        foreach (var file in files)
        {
            await UploadAsync(http, await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false), Path.GetFileName(file), cancellationToken).ConfigureAwait(false);
        }

        await WaitUntilQueueEmptyAsync(http, cancellationToken).ConfigureAwait(false);
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"{files.Count} hostile PDFs ingested: peak RSS {Mib(host.PeakResidentBytes):F0} MiB, idle after {Mib(host.ResidentBytes):F0} MiB."));
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static async Task<Guid> IngestImageAsync(HttpClient http, byte[] png, CancellationToken cancellationToken)
    {
        var id = await UploadAsync(http, png, "huge.png", cancellationToken).ConfigureAwait(false);
        while (true)
        {
            using var details = JsonDocument.Parse(await http.GetStringAsync($"/api/documents/{id}", cancellationToken).ConfigureAwait(false));
            var status = details.RootElement.GetProperty("document").GetProperty("status").ToString();
            if (status.Equals("ready", StringComparison.OrdinalIgnoreCase))
            {
                return details.RootElement.GetProperty("items").EnumerateArray()
                    .First(i => i.GetProperty("modality").ToString().Equals("image", StringComparison.OrdinalIgnoreCase)).GetProperty("id").GetGuid();
            }

            if (status.Equals("failed", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("The image failed to ingest.");
            }

            await Task.Delay(200, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<Guid> UploadAsync(HttpClient http, byte[] bytes, string name, CancellationToken cancellationToken)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(bytes);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(part, "files", name);
        using var response = await http.PostAsync("/api/documents", content, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return body.RootElement.GetProperty("documents")[0].GetProperty("document").GetProperty("id").GetGuid();
    }

    private static async Task WaitUntilQueueEmptyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        while (true)
        {
            var list = await http.GetStringAsync("/api/documents", cancellationToken).ConfigureAwait(false);
            if (!list.Contains("\"queued\"", StringComparison.OrdinalIgnoreCase) && !list.Contains("\"processing\"", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            await Task.Delay(500, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<double> TimedGetAsync(HttpClient http, Guid item, int side, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        using var response = await http.GetAsync($"/api/items/{item}/image?maxSide={side}", cancellationToken).ConfigureAwait(false);
        await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return clock.Elapsed.TotalMilliseconds;
    }

    private static double Mib(long bytes) => bytes / (1024.0 * 1024.0);

    private sealed record ImageLoadRow(string Settings, long PngBytes, double IdleRssMib, LatencySummary Concurrent, LatencySummary Sequential,
        double PeakRssMib, double AfterRssMib, int DerivedBlobs, double DerivedKib);
}
