using System.Diagnostics;
using System.Globalization;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Vectors;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>Opens the embedded index folder a <c>vectors</c> run left under artifacts/bench-tmp in
/// a fresh process, so that reload time and resident memory (VmRSS after a full collection) are the
/// index's alone: inside the <c>vectors</c> run the heap keeps what earlier targets freed, and the
/// generated data set sits in the same process.</summary>
internal static class VectorsReopenSuite
{
    public static async Task<int> RunAsync(VectorScanMode scan, CancellationToken cancellationToken)
    {
        var before = MemorySnapshot.Take();
        var start = Stopwatch.GetTimestamp();
        var index = await new EmbeddedIndexFactory(scan).OpenAsync(cancellationToken);
        var reload = Stopwatch.GetElapsedTime(start).TotalSeconds;
        try
        {
            var count = await index.CountAsync(cancellationToken);
            // A few searches (queries sampled from the index) so the search path is part of the measure.
            var queries = await index.SampleAsync(20, cancellationToken);
            var searchStart = Stopwatch.GetTimestamp();
            foreach (var query in queries)
            {
                await index.SearchAsync(query.Vector, 10, SearchFilter.None, cancellationToken);
            }

            var searchMs = Stopwatch.GetElapsedTime(searchStart).TotalMilliseconds / Math.Max(1, queries.Count);
            var loaded = MemorySnapshot.Take();
            BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                $"{scan} index of {count:N0} vectors reopened in {reload:F2} s; mean search {searchMs:F1} ms; heap {(loaded.ManagedHeapBytes - before.ManagedHeapBytes) / 1048576.0:F0} MiB; " +
                $"resident {loaded.ResidentBytes / 1048576.0:F0} MiB (Δ {(loaded.ResidentBytes - before.ResidentBytes) / 1048576.0:F0} MiB over the bare process's {before.ResidentBytes / 1048576.0:F0} MiB). " +
                $"Load average: {MachineSnapshot.ReadLoadAverage()}."));
        }
        finally
        {
            (index as IDisposable)?.Dispose();
        }

        return 0;
    }
}
