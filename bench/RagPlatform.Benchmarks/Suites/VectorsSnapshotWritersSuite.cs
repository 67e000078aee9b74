using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>How long a writer waits while the quantized index writes its snapshot: a folder of
/// <c>rows</c> × 512 vectors (built once, documents of 1,000 consecutive rows as ingestion writes
/// them), then per round the snapshot removed, the folder reopened (a full log read, which starts a
/// snapshot in the background) and one-row upserts, with a delete of a document every tenth write,
/// timed one by one until the snapshot is written, then 50 more as the quiet baseline. Every other
/// round writes nothing and only takes the writers' lock every 2 ms instead, which times the lock
/// alone (a write also waits for its fsync, which competes with the snapshot's disk writes).</summary>
internal static class VectorsSnapshotWritersSuite
{
    private const int Dimensions = 512;
    private const int RowsPerDocument = 1_000;

    public static async Task<int> RunAsync(string dataDirectory, int rows, int rounds, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(dataDirectory, "vectors", "clip");
        if (!Directory.Exists(folder))
        {
            await BuildAsync(dataDirectory, rows, cancellationToken);
        }

        var random = new Random(7);
        for (var round = 0; round < rounds; round++)
        {
            foreach (var snapshot in Directory.GetFiles(folder, "vectors-*.codes"))
            {
                File.Delete(snapshot);
            }

            using var index = await OpenAsync(dataDirectory, cancellationToken);
            await index.InitializeAsync(cancellationToken);
            var loaded = Stopwatch.GetTimestamp();
            var settled = index.SnapshotSettledAsync(cancellationToken);
            if (round % 2 == 1)
            {
                // The lock alone: with no write of this process holding it for its fsync meanwhile.
                var waits = await ProbeWritersLockAsync(Path.Combine(folder, "lock"), settled, cancellationToken);
                BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                    $"round {round} (lock probe): snapshot written {Stopwatch.GetElapsedTime(loaded).TotalSeconds:F2} s after the load; {waits.Count} takes of the writers' lock meanwhile, " +
                    $"longest wait {waits.DefaultIfEmpty().Max():F1} ms, median {Median(waits):F2} ms. Load average: {MachineSnapshot.ReadLoadAverage()}."));
                continue;
            }

            var during = new List<(double Ms, double At, bool Delete)>();
            var deletes = 0;
            while (!settled.IsCompleted)
            {
                var at = Stopwatch.GetElapsedTime(loaded).TotalMilliseconds;
                var delete = during.Count % 10 == 9;
                during.Add((await WriteAsync(index, random, round, during.Count, ref deletes, rows, cancellationToken), at, delete));
                await Task.Delay(2, cancellationToken);
            }

            var snapshotSeconds = Stopwatch.GetElapsedTime(loaded).TotalSeconds;
            var after = new List<double>();
            for (var write = 0; write < 50; write++)
            {
                after.Add(await WriteAsync(index, random, round, during.Count + write, ref deletes, rows, cancellationToken));
            }

            var times = during.Select(write => write.Ms).ToList();
            BenchConsole.Info(string.Create(CultureInfo.InvariantCulture,
                $"round {round} (writes): snapshot written {snapshotSeconds:F2} s after the load; {during.Count} writes meanwhile: longest {times.DefaultIfEmpty().Max():F1} ms, median {Median(times):F1} ms; " +
                $"50 writes after it: longest {after.Max():F1} ms, median {Median(after):F1} ms. Load average: {MachineSnapshot.ReadLoadAverage()}. " +
                $"Longest meanwhile (ms @ ms after the load): {string.Join("; ", during.OrderByDescending(write => write.Ms).Take(3).Select(write => $"{write.Ms:F0} @ {write.At:F0} {(write.Delete ? "delete" : "upsert")}"))}."));
        }

        return 0;
    }

    /// <summary>How long taking the folder's writers' lock waits, as another process's writer would,
    /// every 2 ms until the snapshot is written.</summary>
    private static async Task<List<double>> ProbeWritersLockAsync(string lockPath, Task settled, CancellationToken cancellationToken)
    {
        var waits = new List<double>();
        while (!settled.IsCompleted)
        {
            var start = Stopwatch.GetTimestamp();
            using (await VectorFolderLock.AcquireAsync(lockPath, cancellationToken))
            {
                waits.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            await Task.Delay(2, cancellationToken);
        }

        return waits;
    }

    /// <summary>One timed write: an upsert of one row over an existing id, or every tenth a delete
    /// of a document not deleted before (its 1,000 rows sit together, as an ingested document's do).</summary>
    private static Task<double> WriteAsync(EmbeddedVectorIndex index, Random random, int round, int write, ref int deletes, int rows, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        Task task;
        if (write % 10 == 9)
        {
            task = index.DeleteDocumentAsync(DocumentOf((round * 200) + deletes++), cancellationToken);
        }
        else
        {
            var row = random.Next(rows);
            task = index.UpsertAsync([new VectorRecord(ItemOf(row), DocumentOf(row / RowsPerDocument), Modality.Image, Vector(random))], cancellationToken);
        }

        return Timed(task, start);
    }

    private static async Task<double> Timed(Task task, long start)
    {
        await task;
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static async Task BuildAsync(string dataDirectory, int rows, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var index = await OpenAsync(dataDirectory, cancellationToken);
        var random = new Random(11);
        for (var first = 0; first < rows; first += 8_192)
        {
            var batch = Enumerable.Range(first, Math.Min(8_192, rows - first))
                .Select(row => new VectorRecord(ItemOf(row), DocumentOf(row / RowsPerDocument), Modality.Image, Vector(random)))
                .ToList();
            await index.UpsertAsync(batch, cancellationToken);
        }

        BenchConsole.Info(string.Create(CultureInfo.InvariantCulture, $"Wrote {rows:N0} vectors into {dataDirectory} in {Stopwatch.GetElapsedTime(start).TotalSeconds:F1} s."));
    }

    private static async Task<EmbeddedVectorIndex> OpenAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var options = Options.Create(new StorageOptions { DataDirectory = dataDirectory, VectorScan = VectorScanMode.Quantized });
        var database = new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance);
        await database.InitializeAsync(cancellationToken);
        return new EmbeddedVectorIndex(database, options, NullLogger<EmbeddedVectorIndex>.Instance);
    }

    private static Guid ItemOf(int row) => new(row, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]);

    private static Guid DocumentOf(int document) => new(document, 1, 1, [8, 7, 6, 5, 4, 3, 2, 1]);

    private static float[] Vector(Random random)
    {
        var vector = new float[Dimensions];
        var norm = 0f;
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = random.NextSingle() - 0.5f;
            norm += vector[i] * vector[i];
        }

        var scale = 1 / MathF.Sqrt(norm);
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] *= scale;
        }

        return vector;
    }

    private static double Median(List<double> values) =>
        values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
}
