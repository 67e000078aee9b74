using System.Diagnostics;
using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Vectors;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`vectors`: top-k search latency (p50/p95) over seeded, normalised random vectors at
/// several sizes, with each engine's load time (insert rate, reload of what it persisted), memory,
/// recall against an exact scan and speed-up over the parallel fp32 scan of the same run.</summary>
internal static class VectorsSuite
{
    public const int Dimensions = 512;

    public static async Task<int> RunAsync(
        BenchSettings settings, IReadOnlyList<int> sizes, IReadOnlyCollection<string>? targetNames, int k, int? queries, CancellationToken cancellationToken)
    {
        var targets = VectorSearchTargets.Select(targetNames);
        var run = new SuiteRun("vectors", settings);
        run.Settings["sizes"] = string.Join(",", sizes);
        run.Settings["k"] = k.ToString(CultureInfo.InvariantCulture);
        run.Settings["targets"] = string.Join(",", targets.Select(target => target.Name));
        BenchConsole.Heading($"vectors: {Dimensions}-d, top-{k}, sizes {string.Join(", ", sizes)}, targets {run.Settings["targets"]}");

        var rows = new List<VectorRow>();
        foreach (var size in sizes.Order())
        {
            var (warmup, iterations) = Counts(size, queries);
            var stopwatch = Stopwatch.StartNew();
            var vectors = VectorSet.Random(size, Dimensions, settings.Seed);
            var queryVectors = VectorSet.QueriesNear(vectors, warmup + iterations, settings.Seed + 1);
            run.Note(string.Create(CultureInfo.InvariantCulture,
                $"{size:N0} vectors ({Cell.Megabytes(vectors.Bytes)} MiB) and {queryVectors.Count} queries generated in {stopwatch.Elapsed.TotalSeconds:F1} s"));

            var truth = await ExactAnswersAsync(vectors, queryVectors, warmup, k, cancellationToken).ConfigureAwait(false);
            var sized = new List<VectorRow>();
            foreach (var (_, create) in targets)
            {
                var row = await MeasureAsync(create(), vectors, queryVectors, truth, warmup, iterations, k, cancellationToken).ConfigureAwait(false);
                sized.Add(row);
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                    $"  {row.Target} @ {size:N0}: p50 {row.Latency.P50Ms:F2} ms, p95 {row.Latency.P95Ms:F2} ms, recall {row.RecallAtK:F3}"));
            }

            var scanP50 = sized.FirstOrDefault(row => row.Target == "scan-parallel")?.Latency.P50Ms;
            foreach (var row in sized)
            {
                var compared = row with { SpeedupVsParallelScan = scanP50 / row.Latency.P50Ms };
                rows.Add(compared);
                run.Add(compared);
            }
        }

        BenchConsole.Table(
            ["target", "vectors", "queries", "p50 ms", "p95 ms", "mean ms", "QPS", $"recall@{k}", "× scan-parallel"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Target, Cell.Of(row.Vectors), Cell.Of(row.Latency.Iterations),
                Cell.Of(row.Latency.P50Ms, "F2"), Cell.Of(row.Latency.P95Ms, "F2"), Cell.Of(row.Latency.MeanMs, "F2"),
                Cell.Of(row.QueriesPerSecond, "F0"), Cell.Of(row.RecallAtK, "F3"), Optional(row.SpeedupVsParallelScan, "F2"),
            ]));
        BenchConsole.Table(
            ["target", "vectors", "load s", "inserts/s", "reload s", "data MiB", "heap Δ MiB", "RSS Δ MiB", "heap MiB", "working set MiB", "peak WS MiB"],
            rows.Select(row => (IReadOnlyList<string>)
            [
                row.Target, Cell.Of(row.Vectors), Cell.Of(row.LoadSeconds, "F2"), Optional(row.InsertsPerSecond, "F0"), Optional(row.ReloadSeconds, "F2"),
                Cell.Megabytes(row.DatasetBytes), Cell.Megabytes(row.HeapDeltaBytes), Cell.Megabytes(row.ResidentDeltaBytes), Cell.Megabytes(row.ManagedHeapBytes),
                Cell.Megabytes(row.WorkingSetBytes), Cell.Megabytes(row.PeakWorkingSetBytes),
            ]));
        run.Note($"Machine: {run.Machine}. Load average at end: {MachineSnapshot.ReadLoadAverage()}.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static string Optional(double? value, string format) => value is { } some ? Cell.Of(some, format) : "-";

    /// <summary>Fixed counts: enough samples for a stable p95 where queries are cheap, fewer where
    /// one query reads the whole 2 GB.</summary>
    private static (int Warmup, int Iterations) Counts(int size, int? queries) => size switch
    {
        <= 10_000 => (20, queries ?? 1000),
        <= 100_000 => (10, queries ?? 200),
        _ => (3, queries ?? 50),
    };

    /// <summary>The exact top-k of every measured query, by the parallel scan, untimed.</summary>
    internal static async Task<VectorMatch[][]> ExactAnswersAsync(VectorSet vectors, VectorSet queries, int warmup, int k, CancellationToken cancellationToken)
    {
        await using var exact = new BruteForceScanTarget(parallel: true);
        await exact.LoadAsync(vectors, cancellationToken).ConfigureAwait(false);
        var answers = new VectorMatch[queries.Count - warmup][];
        for (var i = 0; i < answers.Length; i++)
        {
            answers[i] = await exact.SearchAsync(queries.Row(warmup + i), k, cancellationToken).ConfigureAwait(false);
        }

        return answers;
    }

    private static async Task<VectorRow> MeasureAsync(
        IVectorSearchTarget target, VectorSet vectors, VectorSet queries, VectorMatch[][] truth, int warmup, int iterations, int k, CancellationToken cancellationToken)
    {
        await using (target.ConfigureAwait(false))
        {
            var before = MemorySnapshot.Take();
            var start = Stopwatch.GetTimestamp();
            await target.LoadAsync(vectors, cancellationToken).ConfigureAwait(false);
            var loadSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var loaded = MemorySnapshot.Take();

            var results = new VectorMatch[iterations][];
            var latency = await Measurement.RunAsync(warmup, iterations, async (call, token) =>
            {
                var matches = await target.SearchAsync(queries.Row(call), k, token).ConfigureAwait(false);
                if (call >= warmup)
                {
                    results[call - warmup] = matches;
                }
            }, cancellationToken).ConfigureAwait(false);
            var after = MemorySnapshot.Take(collect: false);

            return new VectorRow(target.Name, vectors.Count, vectors.Dimensions, k, latency, 1000 / latency.MeanMs,
                Recall(results, truth, k), loadSeconds, vectors.Bytes, loaded.ManagedHeapBytes - before.ManagedHeapBytes,
                loaded.ManagedHeapBytes, loaded.WorkingSetBytes, after.PeakWorkingSetBytes, loaded.ResidentBytes - before.ResidentBytes,
                vectors.Count / target.InsertSeconds, target.ReloadSeconds);
        }
    }

    /// <summary>Mean share of the exact top-k rows found, over all timed queries.</summary>
    internal static double Recall(VectorMatch[][] results, VectorMatch[][] truth, int k)
    {
        var found = 0L;
        for (var i = 0; i < results.Length; i++)
        {
            var exact = truth[i].Select(match => match.Row).ToHashSet();
            found += results[i].Take(k).Count(match => exact.Contains(match.Row));
        }

        return (double)found / ((long)results.Length * k);
    }
}
