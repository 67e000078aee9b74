using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Inference;
using RagPlatform.Benchmarks.Onnx.Clip;
using RagPlatform.Benchmarks.Pipeline;
using RagPlatform.Infrastructure.Clip;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`clip-pipeline`: images/s of the platform's whole image path (file bytes → embedding)
/// against raw inference on the same generated vision graph and batch size, as a ratio, timed
/// side by side (<see cref="SideBySide"/>); first, where the time between bytes and tensor goes,
/// per image (<see cref="PreprocessStages"/>).</summary>
internal static class ClipPipelineSuite
{
    public static async Task<int> RunAsync(
        BenchSettings settings, IReadOnlyList<int> batches, string? imagesDirectory, bool rawSpinning, int? iterations, int? warmup, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("clip-pipeline", settings);
        BenchConsole.Heading($"clip-pipeline: {settings.Architecture.Name}, batches {string.Join(", ", batches)}");
        var files = await ClipModelCache.EnsureAsync(settings.Architecture, settings.ModelsDirectory, settings.Seed, BenchConsole.Info, cancellationToken)
            .ConfigureAwait(false);
        var images = imagesDirectory is null
            ? await BenchImageSet.EnsureSyntheticAsync(settings.ModelsDirectory, settings.Seed, BenchConsole.Info, cancellationToken).ConfigureAwait(false)
            : await BenchImageSet.LoadAsync(imagesDirectory, cancellationToken).ConfigureAwait(false);
        run.Settings["images"] = imagesDirectory ?? "synthetic";
        run.Settings["rawSpinning"] = rawSpinning ? "on (ONNX Runtime default)" : "off (as the platform)";
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"{images.Count} images, {images.Sum(image => image.Data.Length) / 1e6:F1} MB encoded: {string.Join(", ", images.Select(image => $"{image.Name} {image.PixelWidth}x{image.PixelHeight}"))}"));

        var stages = PreprocessStages.Measure(images, ReadPreprocessorConfig(), repeats: 3);
        stages.ToList().ForEach(run.Add);
        var clock = ThreadCpuClock.IsCpuTime ? "CPU" : "wall";
        BenchConsole.Table(["image", $"decode {clock} ms", $"resize+crop {clock} ms", $"normalise {clock} ms", $"total {clock} ms"], stages.Select(PreprocessStages.Cells));

        var rows = new List<InferenceRow>();
        var results = new Dictionary<int, SideBySideResult>();
        using (var session = TowerSession.Open(files, ClipTower.Vision, settings.IntraOpThreads, rawSpinning))
        {
            foreach (var batch in batches)
            {
                // Fewer calls than onnx-raw's defaults: each call here is a stream of several batches.
                await using var pipeline = ClipPipelineSeam.TryCreate(files, batch)
                    ?? throw new InvalidOperationException("The platform's image pipeline is not wired (Pipeline/ClipPipelineSeam.cs returns null).");
                var result = await SideBySide.MeasureAsync(session, pipeline, images, batch, files.Architecture.EmbeddingSize,
                    warmup ?? 1, iterations ?? 5, settings.Seed, cancellationToken).ConfigureAwait(false);
                rows.Add(result.Raw);
                rows.Add(result.Pipeline);
                results[batch] = result;
            }
        }

        var pipelineName = "platform-clip";
        var comparisons = batches.Select(batch =>
        {
            var result = results[batch];
            var raw = result.Raw.ItemsPerSecond;
            return new PipelineComparison(batch, raw, result.Pipeline.ItemsPerSecond, result.Pipeline.ItemsPerSecond / raw, pipelineName,
                result.PairedMedianRatio, result.RawCpuMsPerImage, result.PipelineCpuMsPerImage);
        }).ToList();

        rows.ForEach(run.Add);
        comparisons.ForEach(run.Add);
        BenchConsole.Table(["tower", "batch", "iterations", "p50 ms", "p95 ms", "mean ms", "images/s"], rows.Select(OnnxRawSuite.Cells));
        BenchConsole.Table(["batch", "raw images/s", "pipeline images/s", "pipeline / raw", "paired median", "raw CPU ms/image", "pipeline CPU ms/image"],
            comparisons.Select(comparison => (IReadOnlyList<string>)
            [
                Cell.Of(comparison.Batch),
                Cell.Of(comparison.RawImagesPerSecond, "F2"),
                Cell.Of(comparison.PipelineImagesPerSecond ?? 0, "F2"),
                Cell.Of(comparison.Ratio ?? 0, "F3"),
                Cell.Of(comparison.PairedMedianRatio ?? 0, "F3"),
                Cell.Of(comparison.RawCpuMsPerImage ?? 0, "F0"),
                Cell.Of(comparison.PipelineCpuMsPerImage ?? 0, "F0"),
            ]));
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static ClipPreprocessorConfig ReadPreprocessorConfig()
    {
        using var json = File.OpenRead(Path.Combine(BenchPaths.RepositoryRoot, "tests", "fixtures", "clip", "model", "preprocessor_config.json"));
        return ClipPreprocessorConfig.Parse(json);
    }
}
