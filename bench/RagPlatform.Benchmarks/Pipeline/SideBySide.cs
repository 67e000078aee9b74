using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Inference;

namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>Raw inference and the platform's pipeline timed in alternation, call by call (the order
/// swapped every call), so that a load that comes and goes on a shared machine weighs on both
/// alike and their ratio stays meaningful. A call is a stream of <see cref="BatchesPerCall"/>
/// batches: the raw side runs its tensor that many times; the pipeline gets that many batches of
/// encoded files in one request (its batch size set to the raw one), which is what lets it prepare
/// the next batch while the model runs one.</summary>
internal static class SideBySide
{
    public static int BatchesPerCall(int batch) => batch == 1 ? 8 : 4;

    public static async Task<(InferenceRow Raw, InferenceRow Pipeline)> MeasureAsync(
        TowerSession session, IImageEmbeddingPipeline pipeline, IReadOnlyList<BenchImage> images, int batch, int embeddingSize,
        int warmup, int iterations, ulong seed, CancellationToken cancellationToken)
    {
        var batches = BatchesPerCall(batch);
        var perCall = batch * batches;
        using var input = session.CreateBatch(batch, seed);
        IReadOnlyList<ReadOnlyMemory<byte>> Files(int call) =>
            [.. Enumerable.Range(call * perCall, perCall).Select(index => (ReadOnlyMemory<byte>)images[index % images.Count].Data)];

        await CheckAsync(pipeline, Files(0), embeddingSize, cancellationToken).ConfigureAwait(false);
        void Raw()
        {
            for (var i = 0; i < batches; i++)
            {
                session.Run(input);
            }
        }

        var raw = new List<double>();
        var piped = new List<double>();
        for (var call = 0; call < warmup + iterations; call++)
        {
            var rawFirst = call % 2 == 0;
            var first = rawFirst ? Time(Raw) : await TimeAsync(() => pipeline.EmbedAsync(Files(call), cancellationToken)).ConfigureAwait(false);
            var second = rawFirst ? await TimeAsync(() => pipeline.EmbedAsync(Files(call), cancellationToken)).ConfigureAwait(false) : Time(Raw);
            if (call >= warmup)
            {
                raw.Add(rawFirst ? first : second);
                piped.Add(rawFirst ? second : first);
            }
        }

        var rawLatency = LatencySummary.From(raw);
        var pipedLatency = LatencySummary.From(piped);
        return (new InferenceRow("vision", "raw", batch, warmup, rawLatency, rawLatency.Throughput(perCall)),
            new InferenceRow("vision", "pipeline", batch, warmup, pipedLatency, pipedLatency.Throughput(perCall)));
    }

    private static double Time(Action call)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        call();
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task<double> TimeAsync(Func<Task> call)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        await call().ConfigureAwait(false);
        return System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task CheckAsync(IImageEmbeddingPipeline pipeline, IReadOnlyList<ReadOnlyMemory<byte>> files, int embeddingSize, CancellationToken cancellationToken)
    {
        var check = await pipeline.EmbedAsync(files, cancellationToken).ConfigureAwait(false);
        if (check.Count != files.Count || check.Any(embedding => embedding.Length != embeddingSize || !embedding.All(float.IsFinite)))
        {
            throw new InvalidOperationException(
                $"The pipeline {pipeline.Name} returned {check.Count} embeddings of lengths {string.Join(", ", check.Select(e => e.Length))} for {files.Count} images; expected {embeddingSize} finite values each.");
        }
    }
}
