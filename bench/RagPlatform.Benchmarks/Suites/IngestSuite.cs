using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Ingest;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`ingest`: ingestion pages/s through the worker's own code path (Core's pipeline, the
/// extractor processes, page renders, chunking, SQLite FTS5 and embedded vectors) in one process,
/// and the share of each stage, read from the pipeline's activities. Configurations: generated text
/// PDFs without a model (1 and 2 workers), the same with the tiny CLIP test model, installed manuals
/// without a model, and image-only PDFs read by OCR.</summary>
internal static class IngestSuite
{
    public const string Generated = "generated";
    public const string Real = "real";
    public const string Scanned = "scanned";

    /// <param name="ClipModel">CLIP model folder for the "tiny CLIP" rows.</param>
    /// <param name="OcrModels">OCR model folder for the scanned rows; they are skipped when it is missing.</param>
    public sealed record Options(int Documents, int Pages, int ScannedPages, IReadOnlyList<int> Workers,
        IReadOnlyCollection<string> Corpora, IReadOnlyCollection<string> Configurations, string ClipModel, string OcrModels, IReadOnlyDictionary<string, string?> Overrides);

    public static async Task<int> RunAsync(BenchSettings settings, Options options, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("ingest", settings);
        run.Settings["documents"] = options.Documents.ToString(CultureInfo.InvariantCulture);
        run.Settings["pagesPerDocument"] = options.Pages.ToString(CultureInfo.InvariantCulture);
        run.Settings["workers"] = string.Join(",", options.Workers);
        run.Settings["clipModel"] = options.ClipModel;
        run.Settings["ocrModels"] = options.OcrModels;
        run.Settings["overrides"] = string.Join(",", options.Overrides.Select(pair => $"{pair.Key}={pair.Value}"));
        BenchConsole.Heading($"ingest: pages/s and stage shares, workers {run.Settings["workers"]}, load average {MachineSnapshot.ReadLoadAverage()}");

        bool Wanted(string corpus) => options.Corpora.Count == 0 || options.Corpora.Contains(corpus);
        bool Runs(IngestRun.Configuration configuration) =>
            options.Configurations.Count == 0 || options.Configurations.Contains(configuration.Name.Replace(' ', '-').ToLowerInvariant());
        var most = options.Workers.Max();
        var plan = new List<(IngestCorpus Corpus, IngestRun.Configuration Configuration)>();
        if (Wanted(Generated))
        {
            var generated = IngestCorpus.Generated(options.Documents, options.Pages, settings.Seed);
            plan.AddRange(options.Workers.Select(w => (generated, new IngestRun.Configuration("no model", w, NoSettings))));
            plan.Add((generated, new IngestRun.Configuration("tiny CLIP", most, Setting("Clip:ModelDirectory", options.ClipModel))));
        }

        if (Wanted(Real) && IngestCorpus.Real() is { } real)
        {
            plan.Add((real, new IngestRun.Configuration("no model", most, NoSettings)));
        }

        if (Wanted(Scanned))
        {
            if (Directory.Exists(options.OcrModels))
            {
                var scanned = IngestCorpus.Scanned(Math.Max(1, options.Documents / 10), options.ScannedPages, settings.Seed);
                plan.Add((scanned, new IngestRun.Configuration("OCR", most, Setting("Ocr:ModelDirectory", options.OcrModels))));
            }
            else
            {
                run.Note($"No OCR models in {options.OcrModels} (copy them from the main checkout's models/ocr): the scanned rows are skipped.");
            }
        }

        using var clock = new StageClock();
        var rows = new List<IngestStageRow>();
        foreach (var (corpus, configuration) in plan.Where(step => Runs(step.Configuration)))
        {
            BenchConsole.Info($"  {corpus.Name} ({corpus.Description}), {configuration.Name}, {configuration.Workers} worker(s)");
            var merged = configuration.Settings.Concat(options.Overrides).GroupBy(pair => pair.Key).ToDictionary(g => g.Key, g => g.Last().Value);
            var row = await IngestRun.RunAsync(corpus, configuration with { Settings = merged }, clock, cancellationToken).ConfigureAwait(false);
            rows.Add(row);
            run.Add(row);
            BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                $"    {row.Pages} pages in {row.Seconds:F1} s = {row.PagesPerSecond:F1} pages/s ({row.PagesPerSecondModelExcluded:F1} with model time excluded), {row.Failed} failed, load {row.LoadAverage}"));
        }

        BenchConsole.Table(["corpus", "configuration", "workers", "pages", "failed", "s", "pages/s", "pages/s, model excluded", "CPU ms/page", "of it extractor", "pages per CPU s", "load average"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Corpus, row.Configuration, Cell.Of(row.Workers), Cell.Of(row.Pages), Cell.Of(row.Failed), Cell.Of(row.Seconds, "F1"),
                Cell.Of(row.PagesPerSecond, "F1"), Cell.Of(row.PagesPerSecondModelExcluded, "F1"), Cell.Of(row.CpuMsPerPage, "F1"), Cell.Of(row.ExtractorCpuMsPerPage, "F1"),
                Cell.Of(1000 / row.CpuMsPerPage, "F1"), row.LoadAverage,
            ]), labelColumns: 3);
        var names = rows.SelectMany(r => r.Stages.Select(s => s.Name)).Distinct().ToList();
        BenchConsole.Table(["stage: ms/page (share of worker time)", .. rows.Select(r => $"{r.Corpus}, {r.Configuration}, ×{r.Workers}")],
            names.Select(name => (IReadOnlyList<string>)
            [
                name, .. rows.Select(r => r.Stages.FirstOrDefault(s => s.Name == name) is { } stage
                    ? string.Create(CultureInfo.InvariantCulture, $"{stage.MsPerPage:F1} ({stage.Share:P0})")
                    : "-"),
            ]));
        run.Note("Shares are of the workers' wall time (wall × workers); the extract.* parts run inside ingest.extract, "
            + "text and render side by side, in the extractor process. 'pages/s, model excluded' takes the encoder's time "
            + "(ingest.embed less its vector writes) out of the wall time.");
        run.Note($"The tiny CLIP test model ({options.ClipModel}) stands in for CLIP: its time is small but not zero. "
            + $"Every process shares this machine's {Environment.ProcessorCount} cores with whatever else runs (see the load average).");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return rows.Any(r => r.Failed > 0) ? 1 : 0;
    }

    private static readonly Dictionary<string, string?> NoSettings = [];

    private static Dictionary<string, string?> Setting(string key, string value) => new(StringComparer.Ordinal) { [key] = value };
}
