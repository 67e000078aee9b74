using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Hosting;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>One configuration of the <c>ingest</c> suite: a host built as the ingest worker builds
/// itself (<c>AddRagPlatform</c> + <c>AddIngestionWorkers</c>) on SQLite + embedded vectors in a new
/// data folder, inside this process so that the stage activities reach the <see cref="StageClock"/>.
/// Extraction runs in extractor processes, as configured by default. The documents are taken in
/// through <see cref="DocumentIntake"/> (as an upload is) once the workers run; the time runs from
/// the first intake to the last document's ready time. Before it, a warm-up (one document a worker,
/// from the same corpus, in a collection of their own) runs the code paths once, so that the figures
/// are a running server's: host start, JIT compilation and the extractor processes' starts of those
/// first pages are not counted (a fresh extractor process per <c>Extraction:DocumentsPerProcess</c>
/// documents is, as it happens in the run).</summary>
internal static class IngestRun
{
    /// <summary>A bound for a loaded machine, not a speed target.</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(20);

    private const string WarmUpCollection = "bench-warm-up";

    /// <param name="Name">What the row is called, e.g. "text, no model".</param>
    /// <param name="Settings">Configuration on top of the suite's base (models, extraction).</param>
    public sealed record Configuration(string Name, int Workers, IReadOnlyDictionary<string, string?> Settings);

    public static async Task<IngestStageRow> RunAsync(IngestCorpus corpus, Configuration configuration, StageClock clock, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("ragplatform-bench-ingest-");
        try
        {
            var settings = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Storage:Metadata"] = "Sqlite",
                ["Storage:Vectors"] = "Embedded",
                ["Storage:DataDirectory"] = folder.FullName,
                ["Clip:ModelDirectory"] = Path.Combine(folder.FullName, "no-model"),
                ["Ocr:ModelDirectory"] = Path.Combine(folder.FullName, "no-model"),
                ["Embeddings:Text:ModelDirectory"] = "",
                ["Reranking:ModelDirectory"] = "",
                ["Ingestion:Workers"] = configuration.Workers.ToString(CultureInfo.InvariantCulture),
                ["Ingestion:PollMilliseconds"] = "50",
            };
            foreach (var (key, value) in configuration.Settings)
            {
                settings[key] = value;
            }

            var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning));
            builder.Services.AddRagPlatform(builder.Configuration);
            builder.Services.AddIngestionWorkers();
            using var host = builder.Build();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var warmUp = corpus.Files.Take(configuration.Workers).ToList();
                await WaitForAsync(host.Services, WarmUpCollection, await AcceptAsync(host.Services, warmUp, WarmUpCollection, cancellationToken).ConfigureAwait(false), cancellationToken)
                    .ConfigureAwait(false);

                var cpu = new CpuTime();
                await using var _ = cpu.ConfigureAwait(false);
                var row = await IngestAsync(host.Services, corpus, configuration, clock, cancellationToken).ConfigureAwait(false);
                return row with
                {
                    CpuMsPerPage = (cpu.Self + cpu.Children).TotalMilliseconds / Math.Max(1, row.Pages),
                    ExtractorCpuMsPerPage = cpu.Children.TotalMilliseconds / Math.Max(1, row.Pages),
                };
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<IngestStageRow> IngestAsync(
        IServiceProvider services, IngestCorpus corpus, Configuration configuration, StageClock clock, CancellationToken cancellationToken)
    {
        clock.Reset();
        var started = DateTimeOffset.UtcNow;
        var ids = await AcceptAsync(services, corpus.Files, CollectionName.Default, cancellationToken).ConfigureAwait(false);
        var documents = await WaitForAsync(services, CollectionName.Default, ids, cancellationToken).ConfigureAwait(false);

        var stages = clock.Read();
        var seconds = (documents.Max(d => d.UpdatedAt) - started).TotalSeconds;
        var pages = documents.Sum(d => d.PagesDone);
        foreach (var failed in documents.Where(d => d.Status == DocumentStatus.Failed).Take(3))
        {
            BenchConsole.Warn($"  {failed.FileName} failed: {failed.Error}");
        }

        var embedSeconds = stages.TryGetValue(IngestionActivities.Embed, out var embed) ? embed.Total.TotalSeconds : 0;
        var modelSeconds = embedSeconds - (stages.TryGetValue(IngestionActivities.Vectors, out var vectorWrites) ? vectorWrites.Total.TotalSeconds : 0);
        var workerSeconds = seconds * configuration.Workers;
        return new IngestStageRow(
            corpus.Name, configuration.Name, configuration.Workers, documents.Count, pages,
            documents.Count(d => d.Status == DocumentStatus.Failed), seconds, pages / seconds,
            pages / Math.Max(1e-9, seconds - (modelSeconds / configuration.Workers)),
            0,
            0,
            MachineSnapshot.ReadLoadAverage(),
            StageTable.From(stages, pages, workerSeconds));
    }

    private static async Task<HashSet<Guid>> AcceptAsync(
        IServiceProvider services, IEnumerable<(string FileName, byte[] Bytes)> files, string collection, CancellationToken cancellationToken)
    {
        var intake = services.GetRequiredService<DocumentIntake>();
        var ids = new HashSet<Guid>();
        foreach (var (fileName, bytes) in files)
        {
            using var content = new MemoryStream(bytes, writable: false);
            var result = await intake.AcceptAsync(content, fileName, collection, cancellationToken).ConfigureAwait(false);
            ids.Add(result.Document.Id);
        }

        return ids;
    }

    /// <returns>The documents, once every one is ready or failed.</returns>
    private static async Task<IReadOnlyList<Document>> WaitForAsync(IServiceProvider services, string collection, HashSet<Guid> ids, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IDocumentStore>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(Deadline);
        while (true)
        {
            // One query a quarter second: the watching must not take CPU from the workers it times
            // (the ready time comes from the rows, not from when the loop sees them).
            IReadOnlyList<Document> documents = [.. (await store.ListAsync(collection, 0, ids.Count + 1, deadline.Token).ConfigureAwait(false)).Where(d => ids.Contains(d.Id))];
            if (documents.Count == ids.Count && documents.All(d => d.Status is DocumentStatus.Ready or DocumentStatus.Failed))
            {
                return documents;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token).ConfigureAwait(false);
        }
    }
}
