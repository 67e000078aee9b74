using System.Diagnostics;
using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Suites;

namespace RagPlatform.Benchmarks.Server;

/// <summary>One configuration of the ingestion suite: an API host process that only takes uploads
/// (Ingestion:Workers=0) and <c>workers</c> standalone worker processes (one worker each), all on
/// the given backends. The workers are started and ready before the first upload; the time runs from
/// the first upload to the last document's ready time (its UpdatedAt, the same machine's clock).</summary>
internal static class IngestMeasurement
{
    /// <summary>A bound for a loaded machine, not a speed target.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(30);

    public sealed record Paths(string ApiDll, string IngestDll, string ClipModel);

    public static async Task<IngestRow> RunAsync(
        string backend, int workers, IReadOnlyDictionary<string, string> backendSettings, IReadOnlyList<byte[]> pdfs, Paths paths, CancellationToken cancellationToken)
    {
        var settings = new Dictionary<string, string>(backendSettings)
        {
            ["Clip:ModelDirectory"] = paths.ClipModel,
            ["Embeddings:Text:ModelDirectory"] = "",
            ["Reranking:ModelDirectory"] = "",
            ["Ingestion:PollMilliseconds"] = "100",
        };
        var apiEnvironment = settings.ToDictionary(pair => pair.Key.Replace(":", "__", StringComparison.Ordinal), pair => pair.Value);
        apiEnvironment["Ingestion__Workers"] = "0";
        await using var api = await ApiHostProcess.StartAsync(paths.ApiDll, apiEnvironment, cancellationToken).ConfigureAwait(false);
        settings["Storage:DataDirectory"] = api.DataDirectory;
        settings["Ocr:ModelDirectory"] = Path.Combine(api.DataDirectory, "no-model");
        settings["Ingestion:Workers"] = "1";

        var processes = new List<IngestWorkerProcess>();
        try
        {
            for (var i = 0; i < workers; i++)
            {
                processes.Add(await IngestWorkerProcess.StartAsync(paths.IngestDll, settings, cancellationToken).ConfigureAwait(false));
            }

            using var http = new HttpClient { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(5) };
            var platform = new PlatformHttp(http);
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var ids = new HashSet<Guid>();
            for (var i = 0; i < pdfs.Count; i++)
            {
                ids.Add(await platform.UploadAsync(pdfs[i], string.Create(CultureInfo.InvariantCulture, $"bench-{i:D3}.pdf"), cancellationToken).ConfigureAwait(false));
            }

            var uploadSeconds = clock.Elapsed.TotalSeconds;
            var documents = await WaitUntilFinishedAsync(platform, ids, processes, cancellationToken).ConfigureAwait(false);
            var seconds = (documents.Max(d => d.UpdatedAt) - started).TotalSeconds;
            var pages = documents.Sum(d => d.PagesTotal);
            var failed = documents.Where(d => d.Status != "ready").ToList();
            foreach (var document in failed.Take(3))
            {
                BenchConsole.Warn($"  {document.Id} ended {document.Status}: {document.Error}");
            }

            return new IngestRow(backend, workers, documents.Count, pages, documents.Sum(d => d.ItemCount), failed.Count,
                uploadSeconds, seconds, pages / seconds, Speedup: 1, processes.Max(p => p.PeakResidentBytes) / (1024.0 * 1024), MachineSnapshot.ReadLoadAverage());
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task<IReadOnlyList<DocumentState>> WaitUntilFinishedAsync(
        PlatformHttp platform, HashSet<Guid> ids, List<IngestWorkerProcess> workers, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            var documents = (await platform.ListAsync(cancellationToken).ConfigureAwait(false)).Where(d => ids.Contains(d.Id)).ToList();
            if (documents.Count == ids.Count && documents.All(d => d.IsFinished))
            {
                return documents;
            }

            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
            {
                throw new InvalidOperationException($"A worker process died:\n{dead.Output}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The batch did not finish in {Deadline.TotalMinutes} minutes: "
                    + string.Join(", ", documents.GroupBy(d => d.Status).Select(g => $"{g.Count()} {g.Key}")));
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }
    }
}
