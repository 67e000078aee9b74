using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Inference;
using RagPlatform.Benchmarks.Onnx.Clip;
using RagPlatform.Benchmarks.Pipeline;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`clip-pipeline`: images/s of the platform's whole image path (file bytes → embedding)
/// against raw inference on the same generated vision graph, as a ratio. Runs raw-only, and says
/// so, until <see cref="ClipPipelineSeam"/> is wired.</summary>
internal static class ClipPipelineSuite
{
    public static async Task<int> RunAsync(
        BenchSettings settings, IReadOnlyList<int> batches, string? imagesDirectory, int? iterations, int? warmup, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("clip-pipeline", settings);
        BenchConsole.Heading($"clip-pipeline: {settings.Architecture.Name}, batches {string.Join(", ", batches)}");
        var files = await ClipModelCache.EnsureAsync(settings.Architecture, settings.ModelsDirectory, settings.Seed, BenchConsole.Info, cancellationToken)
            .ConfigureAwait(false);
        var images = imagesDirectory is null
            ? await BenchImageSet.EnsureSyntheticAsync(settings.ModelsDirectory, settings.Seed, BenchConsole.Info, cancellationToken).ConfigureAwait(false)
            : await BenchImageSet.LoadAsync(imagesDirectory, cancellationToken).ConfigureAwait(false);
        run.Settings["images"] = imagesDirectory ?? "synthetic";
        run.Note(string.Create(CultureInfo.InvariantCulture,
            $"{images.Count} images, {images.Sum(image => image.Data.Length) / 1e6:F1} MB encoded: {string.Join(", ", images.Select(image => $"{image.Name} {image.PixelWidth}x{image.PixelHeight}"))}"));

        var rows = new List<InferenceRow>();
        var rawByBatch = new Dictionary<int, InferenceRow>();
        using (var session = TowerSession.Open(files, ClipTower.Vision, settings.IntraOpThreads))
        {
            foreach (var batch in batches)
            {
                var counts = RawInference.DefaultCounts(batch);
                var row = RawInference.Measure(session, batch, warmup ?? counts.Warmup, iterations ?? counts.Iterations, settings.Seed);
                rows.Add(row);
                rawByBatch[batch] = row;
            }
        }

        var pipeline = ClipPipelineSeam.TryCreate(files);
        if (pipeline is null)
        {
            BenchConsole.Warn("The platform's image pipeline is not wired (Pipeline/ClipPipelineSeam.cs returns null): measuring raw inference only.");
            run.Note("Pipeline not wired: raw inference only; no ratio.");
        }
        else
        {
            await using (pipeline.ConfigureAwait(false))
            {
                foreach (var batch in batches)
                {
                    var counts = RawInference.DefaultCounts(batch);
                    rows.Add(await MeasurePipelineAsync(pipeline, images, batch, files.Architecture.EmbeddingSize,
                        warmup ?? counts.Warmup, iterations ?? counts.Iterations, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        var comparisons = batches.Select(batch =>
        {
            var pipelineRow = rows.FirstOrDefault(row => row.Mode == "pipeline" && row.Batch == batch);
            var raw = rawByBatch[batch].ItemsPerSecond;
            return new PipelineComparison(batch, raw, pipelineRow?.ItemsPerSecond, pipelineRow?.ItemsPerSecond / raw, pipeline?.Name ?? "not wired");
        }).ToList();

        rows.ForEach(run.Add);
        comparisons.ForEach(run.Add);
        BenchConsole.Table(["tower", "batch", "iterations", "p50 ms", "p95 ms", "mean ms", "images/s"], rows.Select(OnnxRawSuite.Cells));
        BenchConsole.Table(["batch", "raw images/s", "pipeline images/s", "pipeline / raw"], comparisons.Select(comparison => (IReadOnlyList<string>)
        [
            Cell.Of(comparison.Batch),
            Cell.Of(comparison.RawImagesPerSecond, "F1"),
            comparison.PipelineImagesPerSecond is { } perSecond ? Cell.Of(perSecond, "F1") : "n/a",
            comparison.Ratio is { } ratio ? Cell.Of(ratio, "F3") : "n/a",
        ]));
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Each call embeds <paramref name="batch"/> images, cycling through the set, so decode
    /// cost is averaged over small and 12 MP files alike.</summary>
    private static async Task<InferenceRow> MeasurePipelineAsync(
        IImageEmbeddingPipeline pipeline, IReadOnlyList<BenchImage> images, int batch, int embeddingSize, int warmup, int iterations, CancellationToken cancellationToken)
    {
        IReadOnlyList<ReadOnlyMemory<byte>> Call(int call) =>
            [.. Enumerable.Range(call * batch, batch).Select(index => (ReadOnlyMemory<byte>)images[index % images.Count].Data)];

        var check = await pipeline.EmbedAsync(Call(0), cancellationToken).ConfigureAwait(false);
        if (check.Count != batch || check.Any(embedding => embedding.Length != embeddingSize || !embedding.All(float.IsFinite)))
        {
            throw new InvalidOperationException(
                $"The pipeline {pipeline.Name} returned {check.Count} embeddings of lengths {string.Join(", ", check.Select(e => e.Length))} for {batch} images; expected {embeddingSize} finite values each.");
        }

        var latency = await Measurement.RunAsync(warmup, iterations,
            async (call, token) => await pipeline.EmbedAsync(Call(call), token).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return new InferenceRow("vision", "pipeline", batch, warmup, latency, latency.Throughput(batch));
    }
}
