using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Server;
using RagPlatform.QdrantWire;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`server-ingest`: ingestion throughput (pages/s) with 1, 2, 3 … standalone worker
/// processes on PostgreSQL + Qdrant (the wire test server) and on the embedded defaults (SQLite +
/// embedded vectors), uploads through an API host process. Every configuration starts from empty
/// storage: a new database and Qdrant server, or a new data folder.</summary>
internal static class ServerIngestSuite
{
    public const string Embedded = "embedded";
    public const string PostgresQdrant = "postgres-qdrant";

    public sealed record Options(int Documents, int Pages, IReadOnlyList<int> ServerWorkers, IReadOnlyList<int> EmbeddedWorkers,
        IReadOnlyCollection<string> Backends, IngestMeasurement.Paths Paths);

    public static async Task<int> RunAsync(BenchSettings settings, Options options, CancellationToken cancellationToken)
    {
        var unknown = options.Backends.Where(b => b is not (Embedded or PostgresQdrant)).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown backend(s): {string.Join(", ", unknown)}. Known: {Embedded}, {PostgresQdrant}.");
        }

        var configurations = new List<(string Backend, int Workers)>();
        if (options.Backends.Count == 0 || options.Backends.Contains(Embedded))
        {
            configurations.AddRange(options.EmbeddedWorkers.Select(w => (Embedded, w)));
        }

        if (options.Backends.Count == 0 || options.Backends.Contains(PostgresQdrant))
        {
            configurations.AddRange(options.ServerWorkers.Select(w => (PostgresQdrant, w)));
        }

        var run = new SuiteRun("server-ingest", settings);
        run.Settings["documents"] = options.Documents.ToString(CultureInfo.InvariantCulture);
        run.Settings["pagesPerDocument"] = options.Pages.ToString(CultureInfo.InvariantCulture);
        run.Settings["configurations"] = string.Join(",", configurations.Select(c => $"{c.Backend}:{c.Workers}"));
        run.Settings["clipModel"] = options.Paths.ClipModel;
        BenchConsole.Heading(string.Create(CultureInfo.InvariantCulture,
            $"server-ingest: {options.Documents} text PDFs × {options.Pages} pages, {run.Settings["configurations"]}"));
        var pdfs = IngestPdfs.Generate(options.Documents, options.Pages, settings.Seed);
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"{pdfs.Count} generated text PDFs of {options.Pages} pages (about 500 words a page), {pdfs.Sum(p => (long)p.Length) / 1024} KiB in all."));

        await using var postgres = new PostgresServer();
        var rows = new List<IngestRow>();
        foreach (var (backend, workers) in configurations)
        {
            BenchConsole.Info($"  {backend} with {workers} worker process(es): starting");
            var row = backend == Embedded
                ? await IngestMeasurement.RunAsync(backend, workers, new Dictionary<string, string>(), pdfs, options.Paths, cancellationToken).ConfigureAwait(false)
                : await RunOnServersAsync(postgres, workers, pdfs, options.Paths, cancellationToken).ConfigureAwait(false);
            var single = rows.FirstOrDefault(r => r.Backend == backend && r.WorkerProcesses == 1);
            row = row with { Speedup = single is null ? 1 : row.PagesPerSecond / single.PagesPerSecond };
            rows.Add(row);
            run.Add(row);
            BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                $"  {backend} × {workers}: {row.Pages} pages in {row.Seconds:F1} s = {row.PagesPerSecond:F1} pages/s, {row.Failed} failed"));
        }

        BenchConsole.Table(["backend", "worker processes", "documents", "pages", "items", "failed", "upload s", "to last ready s", "pages/s", "× 1 worker", "worker peak RSS MiB"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Backend, Cell.Of(row.WorkerProcesses), Cell.Of(row.Documents), Cell.Of(row.Pages), Cell.Of(row.Items), Cell.Of(row.Failed),
                Cell.Of(row.UploadSeconds, "F1"), Cell.Of(row.Seconds, "F1"), Cell.Of(row.PagesPerSecond, "F2"), Cell.Of(row.Speedup, "F2"),
                Cell.Of(row.WorkerPeakRssMib, "F0"),
            ]));
        run.Note($"Models: the tiny CLIP test model ({options.Paths.ClipModel}) embeds every text chunk and page image, so model time is "
            + "small but not zero; no OCR, no text-space model, no re-ranker. One worker per process, extraction in extractor processes (the default).");
        run.Note($"{Embedded}: SQLite + embedded vectors in one data folder shared by the API and the workers. {PostgresQdrant}: "
            + (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresServer.ExternalServerVariable))
                ? "a local throw-away PostgreSQL 15 (fsync off)" : $"the PostgreSQL {PostgresServer.ExternalServerVariable} names")
            + " + the Qdrant wire test server in this benchmark's process (brute force, not real Qdrant).");
        run.Note($"Every process (API, workers, extractors, PostgreSQL, the benchmark) shares this machine's {Environment.ProcessorCount} cores: "
            + "more worker processes than cores measure contention, not scaling.");
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return rows.Any(row => row.Failed > 0) ? 1 : 0;
    }

    private static async Task<IngestRow> RunOnServersAsync(
        PostgresServer postgres, int workers, IReadOnlyList<byte[]> pdfs, IngestMeasurement.Paths paths, CancellationToken cancellationToken)
    {
        // Empty: the API host migrates it at start, as a deployment's first start does.
        await using var database = await postgres.CreateEmptyDatabaseAsync(cancellationToken).ConfigureAwait(false);
        await using var qdrant = await QdrantWireServer.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var settings = new Dictionary<string, string>
        {
            ["Storage:Metadata"] = "Postgres",
            ["Storage:Vectors"] = "Qdrant",
            ["Postgres:ConnectionString"] = database.ConnectionString,
            ["Qdrant:Url"] = qdrant.Address.ToString(),
        };
        return await IngestMeasurement.RunAsync(PostgresQdrant, workers, settings, pdfs, paths, cancellationToken).ConfigureAwait(false);
    }
}
