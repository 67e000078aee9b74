using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Suites;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>`ingest-ocr`: images/s and word recall of the platform's OCR (PP-OCRv4 on ONNX Runtime)
/// against Debian's tesseract on the same generated images: 1x bar charts, 1x application windows
/// (10-11 px labels) and letter pages rendered at 150 dpi without a text layer. Both engines get the
/// same parallelism: N platform readers with one ONNX thread each against N tesseract processes with
/// OMP_THREAD_LIMIT=1. On charts and screenshots the platform is measured a second time with
/// Ocr:DetectSmallTextInRegions on ("platform, regions"), and on every kind as before block folding
/// and line stretching ("platform before (as exported, no stretch)"), with the float networks
/// (Ocr:Precision=Fp32, "platform, fp32"; int8 is the default) and with Ocr:Recognizer=Latin
/// ("platform, Latin recogniser", when scripts/fetch-ocr-models.sh --latin installed it).</summary>
internal static class OcrThroughputSuite
{
    /// <summary>Most passes over a set the warm-up makes (a page set takes about 5 CPU s a pass).</summary>
    private const int MaxWarmUpPasses = 8;

    /// <summary>Share of a warm-up pass's CPU time in tiered compilation under which the process counts as warm.</summary>
    private const double MaxWarmJitShare = 0.02;

    /// <param name="Variants">Rows with settings of their own (`--variant`); when given, they replace
    /// the "before", Latin and regions rows.</param>
    public sealed record Options(string ModelDirectory, int Charts, int Screenshots, int Pages, IReadOnlyList<int> Parallel, bool Profile, bool OperatorProfile = false,
        IReadOnlyList<OcrVariant>? Variants = null);

    public static async Task<int> RunAsync(BenchSettings settings, Options options, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("ingest-ocr", settings);
        BenchConsole.Heading($"ingest-ocr: {options.Charts} charts, {options.Screenshots} screenshots, {options.Pages} pages; parallel {string.Join(", ", options.Parallel)}");
        var sets = await GenerateAsync(options, settings.Seed, cancellationToken).ConfigureAwait(false);
        var tesseract = await TesseractReader.VersionAsync(cancellationToken).ConfigureAwait(false);
        run.Settings["tesseract"] = tesseract ?? "not installed";
        run.Settings["ocrModels"] = options.ModelDirectory;
        if (tesseract is null)
        {
            BenchConsole.Warn("tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-eng): measuring the platform only.");
        }

        var variants = options.Variants ?? [];
        if (options.Profile)
        {
            var configurations = variants.Select(variant => (" " + variant.Name, variant.Apply(PlatformOptions(settings))))
                .Prepend((", fp32", Fp32(settings))).Prepend((string.Empty, PlatformOptions(settings))).ToList();
            var profile = sets.SelectMany(set => OcrStageProfile.Measure(set.Key, set.Value, options.ModelDirectory, configurations, cancellationToken)).ToList();
            profile.ForEach(run.Add);
            BenchConsole.Table(["kind", "images", "decode ms", "detect ms", "recognise ms", "pipeline ms", "boxes", "rec columns, runs of 8", "rec columns, planned", "lines' own columns", "rec runs"],
                profile.Select(row => (IReadOnlyList<string>)[row.Kind, Cell.Of(row.Images), Cell.Of(row.DecodeMs, "F1"), Cell.Of(row.DetectMs, "F0"),
                    Cell.Of(row.RecognizeMs, "F0"), Cell.Of(row.PipelineMs, "F0"), Cell.Of(row.Boxes, "F1"), Cell.Of(row.FixedRunColumns, "F0"), Cell.Of(row.PlannedColumns, "F0"),
                    Cell.Of(row.OwnColumns, "F0"), Cell.Of(row.Runs, "F1")]));
        }

        if (options.OperatorProfile)
        {
            foreach (var (kind, images) in sets)
            {
                OcrOperatorProfile.Measure(kind, images, options.ModelDirectory, PlatformOptions(settings), cancellationToken);
                OcrOperatorProfile.Measure(kind + " (as exported)", images, options.ModelDirectory, AsExported(settings), cancellationToken);
                OcrOperatorProfile.Measure(kind + " (fp32)", images, options.ModelDirectory, Fp32(settings), cancellationToken);
            }

            await run.SaveAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var rows = new List<OcrThroughputRow>();
        var readers = Readers(options.ModelDirectory, settings, variants);
        try
        {
            foreach (var (kind, images) in sets)
            {
                var warmUp = await WarmUpAsync([.. readers.Where(entry => entry.PagesToo || kind != "page").Select(entry => entry.Reader)], images, cancellationToken)
                    .ConfigureAwait(false);
                run.Note($"{kind}: warm-up {warmUp} pass(es) over the set with the first reader, one with each other.");

                foreach (var parallel in options.Parallel)
                {
                    foreach (var (engine, reader, pagesToo) in readers.Where(entry => entry.PagesToo || kind != "page"))
                    {
                        var (texts, elapsed, cpu, jit) = await reader.ReadAsync(images, parallel, cancellationToken).ConfigureAwait(false);
                        rows.Add(Row(kind, engine, parallel, images, texts, elapsed, cpu) with { JitSeconds = jit.TotalSeconds });
                    }

                    if (tesseract is not null)
                    {
                        var (texts, elapsed, cpu) = await TesseractReader.ReadAsync(images, parallel, cancellationToken).ConfigureAwait(false);
                        rows.Add(Row(kind, "tesseract", parallel, images, texts, elapsed, cpu));
                    }
                }
            }
        }
        finally
        {
            readers.ForEach(entry => entry.Reader.Dispose());
        }

        rows.ForEach(run.Add);
        BenchConsole.Table(["kind", "engine", "parallel", "images", "seconds", "images/s", "CPU s", "CPU ms/image", "of which JIT", "images/CPU s", "recall"],
            rows.Select(row => (IReadOnlyList<string>)[row.Kind, row.Engine, Cell.Of(row.Parallel), Cell.Of(row.Images), Cell.Of(row.Seconds, "F1"),
                Cell.Of(row.ImagesPerSecond, "F2"), Cell.Of(row.CpuSeconds, "F1"), Cell.Of(1000 * row.CpuSeconds / row.Images, "F0"), Cell.Of(1000 * row.JitSeconds / row.Images, "F1"),
                Cell.Of(row.ImagesPerCpuSecond, "F2"), Cell.Of(row.Recall * 100, "F1") + "%"]), labelColumns: 2);
        run.Note($"Load average at the end: {MachineSnapshot.ReadLoadAverage()}; platform readers use {PlatformOptions(settings).IntraOpThreads} ONNX thread(s) each; tesseract: {tesseract ?? "none"}, OMP_THREAD_LIMIT=1 per process.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Reads the set with the first reader until a pass spends at most <see cref="MaxWarmJitShare"/> of its
    /// CPU in the runtime's tiered compilation (<see cref="TieredJitClock"/>), at most <see cref="MaxWarmUpPasses"/>
    /// times, then once with each other reader (their ONNX sessions' first runs): the rows measure what a
    /// long-running ingestion worker pays per image. After one image, as before, the first 12 charts carried
    /// 54 ms each of background compilation and tier-0 code (ingest-ocr's platform rows: 80-100 CPU ms a chart
    /// against the reader's 77-83).</summary>
    /// <returns>The first reader's passes.</returns>
    private static async Task<int> WarmUpAsync(IReadOnlyList<PlatformOcrReader> readers, IReadOnlyList<OcrBenchImage> images, CancellationToken cancellationToken)
    {
        var passes = 0;
        while (passes < MaxWarmUpPasses)
        {
            var (_, _, cpu, jit) = await readers[0].ReadAsync(images, 1, cancellationToken).ConfigureAwait(false);
            passes++;
            if (jit <= MaxWarmJitShare * cpu)
            {
                break;
            }
        }

        foreach (var reader in readers.Skip(1))
        {
            await reader.ReadAsync(images, 1, cancellationToken).ConfigureAwait(false);
        }

        return passes;
    }

    /// <summary>The platform's rows: the defaults, then the variants, or (without variants) as before
    /// folding and stretching, with the Latin recogniser and with regions (not on pages).</summary>
    private static List<(string Engine, PlatformOcrReader Reader, bool PagesToo)> Readers(string modelDirectory, BenchSettings settings, IReadOnlyList<OcrVariant> variants)
    {
        var readers = new List<(string, PlatformOcrReader, bool)> { ("platform", new PlatformOcrReader(modelDirectory, PlatformOptions(settings)), true) };
        if (variants.Count > 0)
        {
            readers.AddRange(variants.Select(variant => ("platform, " + variant.Name, new PlatformOcrReader(modelDirectory, variant.Apply(PlatformOptions(settings))), true)));
            return readers;
        }

        var regionOptions = PlatformOptions(settings);
        regionOptions.DetectSmallTextInRegions = true;
        readers.Add(("platform before (as exported, no stretch)", new PlatformOcrReader(modelDirectory, AsExported(settings)), true));
        readers.Add(("platform, fp32", new PlatformOcrReader(modelDirectory, Fp32(settings)), true));
        if (LatinReader(modelDirectory, settings) is { } latin)
        {
            readers.Add(("platform, Latin recogniser", latin, true));
        }

        readers.Add(("platform, regions", new PlatformOcrReader(modelDirectory, regionOptions), false));
        return readers;
    }

    /// <summary>One ONNX thread per reader unless --threads says otherwise, as tesseract gets one core per process.</summary>
    private static OcrOptions PlatformOptions(BenchSettings settings) => new() { IntraOpThreads = settings.IntraOpThreads ?? 1 };

    /// <summary>The platform with Ocr:Recognizer=Latin, when the folder has that recogniser
    /// (scripts/fetch-ocr-models.sh --latin).</summary>
    private static PlatformOcrReader? LatinReader(string modelDirectory, BenchSettings settings)
    {
        var options = PlatformOptions(settings);
        options.Recognizer = OcrRecognizerModel.Latin;
        if (new OcrModelFolder(modelDirectory).MissingFiles(false, OcrRecognizerModel.Latin).Count > 0)
        {
            BenchConsole.Warn("No Latin recogniser in the model folder (scripts/fetch-ocr-models.sh --latin): measuring without it.");
            return null;
        }

        return new PlatformOcrReader(modelDirectory, options);
    }

    /// <summary>The platform with Ocr:Precision=Fp32 (the networks' float convolutions, as before int8 was the default).</summary>
    private static OcrOptions Fp32(BenchSettings settings)
    {
        var options = PlatformOptions(settings);
        options.Precision = OcrPrecision.Fp32;
        return options;
    }

    /// <summary>The platform as before block folding and line stretching: the networks as the files
    /// hold them, lines read at their own aspect.</summary>
    private static OcrOptions AsExported(BenchSettings settings)
    {
        var options = PlatformOptions(settings);
        options.FoldNetworkBlocks = false;
        options.RecognitionStretch = 1;
        options.Precision = OcrPrecision.Fp32;
        return options;
    }

    private static OcrThroughputRow Row(string kind, string engine, int parallel, IReadOnlyList<OcrBenchImage> images, string[] texts, TimeSpan elapsed, TimeSpan cpu)
    {
        var found = 0;
        var drawn = 0;
        var missed = new List<string>();
        for (var i = 0; i < images.Count; i++)
        {
            var (f, t) = OcrWordRecall.Count(images[i].Words, texts[i], missed);
            found += f;
            drawn += t;
        }

        BenchConsole.Info($"{kind}, {engine} ×{parallel}: missed {missed.Count} words: {string.Join(' ', missed.Take(20))}");

        return new OcrThroughputRow(kind, engine, parallel, images.Count, elapsed.TotalSeconds, images.Count / elapsed.TotalSeconds, found, drawn, cpu.TotalSeconds);
    }

    private static async Task<Dictionary<string, IReadOnlyList<OcrBenchImage>>> GenerateAsync(Options options, ulong seed, CancellationToken cancellationToken)
    {
        var words = new OcrBenchVocabulary(new Random(unchecked((int)seed)));
        var sets = new Dictionary<string, IReadOnlyList<OcrBenchImage>>(StringComparer.Ordinal);
        if (options.Charts > 0)
        {
            sets["chart"] = [.. Enumerable.Range(0, options.Charts).Select(i => OcrScreenImages.Chart(i, words))];
        }

        if (options.Screenshots > 0)
        {
            sets["screenshot"] = [.. Enumerable.Range(0, options.Screenshots).Select(i => OcrScreenImages.Window(i, words))];
        }

        if (options.Pages > 0)
        {
            var pages = new List<OcrBenchImage>();
            for (var i = 0; i < options.Pages; i++)
            {
                pages.Add(await OcrPageImages.PageAsync(i, words, cancellationToken).ConfigureAwait(false));
            }

            sets["page"] = pages;
        }

        BenchConsole.Info(string.Join("; ", sets.Select(set => string.Create(CultureInfo.InvariantCulture,
            $"{set.Key}: {set.Value.Count} × {set.Value[0].Width}x{set.Value[0].Height}, {set.Value.Average(image => image.Words.Count):F0} words each"))));
        return sets;
    }
}
