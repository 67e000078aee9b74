using System.Diagnostics;
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

    public static async Task<SideBySideResult> MeasureAsync(
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

        var raw = new List<(double Wall, double Cpu)>();
        var piped = new List<(double Wall, double Cpu)>();
        Task RawAsync()
        {
            Raw();
            return Task.CompletedTask;
        }

        for (var call = 0; call < warmup + iterations; call++)
        {
            var rawFirst = call % 2 == 0;
            var files = Files(call);
            var first = await TimeAsync(rawFirst ? RawAsync : () => pipeline.EmbedAsync(files, cancellationToken)).ConfigureAwait(false);
            var second = await TimeAsync(rawFirst ? () => pipeline.EmbedAsync(files, cancellationToken) : RawAsync).ConfigureAwait(false);
            if (call >= warmup)
            {
                raw.Add(rawFirst ? first : second);
                piped.Add(rawFirst ? second : first);
            }
        }

        var rawLatency = LatencySummary.From([.. raw.Select(sample => sample.Wall)]);
        var pipedLatency = LatencySummary.From([.. piped.Select(sample => sample.Wall)]);
        var paired = raw.Zip(piped, (r, p) => r.Wall / p.Wall).Order().ToArray();
        return new SideBySideResult(
            new InferenceRow("vision", "raw", batch, warmup, rawLatency, rawLatency.Throughput(perCall)),
            new InferenceRow("vision", "pipeline", batch, warmup, pipedLatency, pipedLatency.Throughput(perCall)),
            paired.Length % 2 == 1 ? paired[paired.Length / 2] : (paired[(paired.Length / 2) - 1] + paired[paired.Length / 2]) / 2,
            raw.Sum(sample => sample.Cpu) / (raw.Count * perCall),
            piped.Sum(sample => sample.Cpu) / (piped.Count * perCall));
    }

    /// <summary>Wall time and the whole process's CPU time of one call, in milliseconds.</summary>
    private static async Task<(double Wall, double Cpu)> TimeAsync(Func<Task> call)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var start = Stopwatch.GetTimestamp();
        await call().ConfigureAwait(false);
        var wall = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        process.Refresh();
        return (wall, (process.TotalProcessorTime - cpu).TotalMilliseconds);
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

/// <summary>Both sides of one batch size, with the paired median ratio (raw over pipeline time of
/// neighbouring calls) and the process CPU time per image on each side.</summary>
internal sealed record SideBySideResult(InferenceRow Raw, InferenceRow Pipeline, double PairedMedianRatio, double RawCpuMsPerImage, double PipelineCpuMsPerImage);
