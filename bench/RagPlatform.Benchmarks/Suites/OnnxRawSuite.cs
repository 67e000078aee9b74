using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Inference;
using RagPlatform.Benchmarks.Onnx.Clip;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`onnx-raw`: ONNX Runtime alone on the generated towers: sessions created once,
/// inputs built before timing, warm-up excluded. The ceiling any CLIP encoder can reach here.
/// With <c>--int8</c> it measures float against int8 towers instead (<see cref="OnnxInt8Section"/>).</summary>
internal static class OnnxRawSuite
{
    public static async Task<int> RunAsync(BenchSettings settings, IReadOnlyList<int> batches, int? iterations, int? warmup, bool int8, bool signedVisionWeights, bool asPublished,
        CancellationToken cancellationToken)
    {
        var run = new SuiteRun("onnx-raw", settings);
        run.Settings["precision"] = int8 ? "fp32 vs int8" : "fp32";
        BenchConsole.Heading($"onnx-raw{(int8 ? " --int8" : string.Empty)}: {settings.Architecture.Name}, batches {string.Join(", ", batches)}");
        var files = await ClipModelCache.EnsureAsync(settings.Architecture, settings.ModelsDirectory, settings.Seed, BenchConsole.Info, cancellationToken)
            .ConfigureAwait(false);
        if (int8)
        {
            await OnnxInt8Section.RunAsync(run, settings, files, batches, iterations, warmup, signedVisionWeights, asPublished, cancellationToken).ConfigureAwait(false);
            run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
            await run.SaveAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }

        var rows = new List<InferenceRow>();
        foreach (var tower in new[] { ClipTower.Vision, ClipTower.Text })
        {
            using var session = TowerSession.Open(files, tower, settings.IntraOpThreads);
            run.Note(string.Create(CultureInfo.InvariantCulture, $"{tower} session loaded in {session.LoadTime.TotalSeconds:F2} s"));
            foreach (var batch in batches)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var counts = RawInference.DefaultCounts(batch);
                var row = RawInference.Measure(session, batch, warmup ?? counts.Warmup, iterations ?? counts.Iterations, settings.Seed);
                rows.Add(row);
                run.Add(row);
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  {row.Tower} batch {batch}: {row.ItemsPerSecond:F1} items/s (p50 {row.Latency.P50Ms:F1} ms)"));
            }
        }

        BenchConsole.Table(["tower", "batch", "iterations", "p50 ms", "p95 ms", "mean ms", "items/s"],
            rows.Select(row => Cells(row)));
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    public static IReadOnlyList<string> Cells(InferenceRow row) =>
    [
        row.Tower + (row.Mode == "raw" ? string.Empty : " (" + row.Mode + ")"),
        Cell.Of(row.Batch),
        Cell.Of(row.Latency.Iterations),
        Cell.Of(row.Latency.P50Ms, "F1"),
        Cell.Of(row.Latency.P95Ms, "F1"),
        Cell.Of(row.Latency.MeanMs, "F1"),
        Cell.Of(row.ItemsPerSecond, "F1"),
    ];
}
