using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Files;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>Two instances on one folder (as the API and an ingestion worker share one) write concurrently,
/// four writers on disjoint documents, through rounds in which one instance restarts and holds its snapshot's
/// write (its segments frozen) while everyone writes, then lets it go and, some rounds, compacts while
/// everyone writes. After each round the live instances, a fresh load (snapshot plus log tail) and a full
/// read of the log all hold the rows the writes leave, and the snapshot file holds exactly the rows of the
/// log up to its position. Plans are seeded; the interleaving is whatever the scheduler makes of it, and
/// nothing waits on time.</summary>
public sealed class VectorSnapshotRaceTests : IDisposable
{
    private const int Writers = 4;
    private const int Rounds = 6;
    private const int WritesPerPhase = 3;
    private const int Seed = 101;

    private readonly VectorSnapshotFolder _files = new();
    private readonly EmbeddedVectorIndex[] _instances = new EmbeddedVectorIndex[2];
    private readonly TaskCompletionSource[] _captured = [Signal(), Signal()];
    private TaskCompletionSource _resume = Signal();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // Disposing an index waits for the snapshot it is writing: never leave one held.
        _resume.TrySetResult();
        _files.Dispose();
    }

    [Fact]
    public async Task Snapshots_taken_while_two_instances_write_and_compact_hold_the_rows_of_their_position()
    {
        _resume.SetResult();
        _instances[0] = Open(0);
        await _files.WriteRowsAsync(_instances[0]);
        var writes = new DisjointVectorWrites(_files, Writers, Seed);
        writes.Take(await _files.Storage.OpenVectorIndex(vectorScan: VectorScanMode.Exact).SampleAsync(int.MaxValue, Token));
        _instances[1] = Open(1);

        for (var round = 0; round < Rounds; round++)
        {
            var restarted = round % 2;
            var other = _instances[1 - restarted];

            // A record after the last snapshot (once the one the other's catch-up may start is written),
            // so the restarted instance's load writes a fresh one.
            await other.CountAsync(Token);
            await other.SnapshotSettledAsync(Token);
            await RunAsync(other, writes.Plan(writer: 0, count: 1));
            _resume = Signal();
            _captured[restarted] = Signal();
            _instances[restarted].Dispose();
            var index = _instances[restarted] = Open(restarted);
            await index.InitializeAsync(Token);
            await Task.WhenAny(_captured[restarted].Task, index.SnapshotSettledAsync(Token));
            Assert.True(_captured[restarted].Task.IsCompleted, "The restarted instance's load wrote no snapshot.");

            // Its rows are frozen: its own writes and its catch-ups of the other's change copies.
            await Task.WhenAll([.. Writes(writes), .. _instances.Select(SearchAsync)]);
            Assert.False(index.SnapshotSettledAsync(Token).IsCompleted);
            _resume.SetResult();

            // One round in three, its write goes on while everyone writes (and is checked at the end of the
            // round). Otherwise it is checked now, since one instance then compacts while everyone writes
            // (removing it; the other reloads the new generation and snapshots it too).
            var compaction = Task.CompletedTask;
            if (round % 3 != 0)
            {
                await index.SnapshotSettledAsync(Token);
                await AssertSnapshotHoldsItsLogPrefixAsync();
                compaction = (round % 3 == 1 ? index : other).CompactAsync(Token);
            }

            await Task.WhenAll([.. Writes(writes), compaction, .. _instances.Select(SearchAsync)]);

            await AssertRoundAsync(writes);
        }
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static async Task RunAsync(EmbeddedVectorIndex index, List<Func<EmbeddedVectorIndex, CancellationToken, Task>> plan)
    {
        foreach (var write in plan)
        {
            await write(index, Token);
        }
    }

    private static void AssertHolds(IReadOnlyCollection<VectorRecord> expected, long count, IReadOnlyList<VectorRecord> rows)
    {
        Assert.Equal(expected.Count, count);
        Assert.Equal(VectorSnapshotFolder.RowsOf(expected), VectorSnapshotFolder.RowsOf(rows));
    }

    /// <summary>An instance whose every load writes a snapshot, each held after its capture until
    /// <see cref="_resume"/> (and signalled in <see cref="_captured"/> at <paramref name="slot"/>).</summary>
    private EmbeddedVectorIndex Open(int slot)
    {
        var index = _files.Storage.OpenVectorIndex(snapshotRefreshRecords: 1);
        index.PauseSnapshotWritesWith(async () =>
        {
            _captured[slot].TrySetResult();
            await _resume.Task;
        });
        return index;
    }

    /// <summary>Each writer's plan for one phase, drawn now on this thread, run on the instance it writes
    /// through (two writers each).</summary>
    private List<Task> Writes(DisjointVectorWrites writes) =>
        [.. Enumerable.Range(0, Writers)
            .Select(writer => (Index: _instances[writer % 2], Plan: writes.Plan(writer, WritesPerPhase)))
            .ToList()
            .Select(planned => Task.Run(() => RunAsync(planned.Index, planned.Plan), Token))];

    /// <summary>Searches meanwhile (under the read lock, while segments are replaced by copies): whatever
    /// rows they find, they run to the end with sane hits.</summary>
    private async Task SearchAsync(EmbeddedVectorIndex index)
    {
        foreach (var centre in _files.Centres.Take(3))
        {
            var hits = await index.SearchAsync(centre, 10, SearchFilter.None, Token);
            Assert.Equal(10, hits.Count);
            Assert.All(hits, hit => Assert.InRange(hit.Score, -1.001f, 1.001f));
        }
    }

    private async Task AssertRoundAsync(DisjointVectorWrites writes)
    {
        // The live instances (catching up, perhaps reloading a compacted generation and snapshotting it).
        foreach (var index in _instances)
        {
            AssertHolds(writes.Expected, await index.CountAsync(Token), await index.SampleAsync(int.MaxValue, Token));
        }

        foreach (var index in _instances)
        {
            await index.SnapshotSettledAsync(Token);
        }

        await AssertSnapshotHoldsItsLogPrefixAsync();

        // A fresh load reads the snapshot and the log after it; the oracle reads the whole log.
        var fresh = _files.Storage.OpenVectorIndex();
        await _files.AssertSameResultsAsExactAsync(fresh);
        AssertHolds(writes.Expected, await fresh.CountAsync(Token), await fresh.SampleAsync(int.MaxValue, Token));
        await fresh.SnapshotSettledAsync(Token);
    }

    /// <summary>The current generation's snapshot checks out against the log and, loaded over a copy of
    /// the log cut at its position, gives what a full read of that prefix gives.</summary>
    private async Task AssertSnapshotHoldsItsLogPrefixAsync()
    {
        var manifest = Path.Combine(_files.Folder, "manifest");
        var generation = int.Parse(await File.ReadAllTextAsync(manifest, Token), System.Globalization.CultureInfo.InvariantCulture);
        var snapshot = await _files.ReadSnapshotAsync(generation);
        Assert.NotNull(snapshot);

        using var prefix = new TemporaryStorage();
        var folder = Path.Combine(prefix.DataDirectory, "vectors", "clip");
        Directory.CreateDirectory(folder);
        File.Copy(manifest, Path.Combine(folder, "manifest"));
        File.Copy(_files.SnapshotPath(generation), Path.Combine(folder, Path.GetFileName(_files.SnapshotPath(generation))));
        var log = Path.Combine(folder, Path.GetFileName(_files.LogPath(generation)));
        File.Copy(_files.LogPath(generation), log);
        await using (var stream = new FileStream(log, FileMode.Open))
        {
            stream.SetLength(snapshot.LogOffset);
        }

        var quiet = prefix.OpenVectorIndex();
        await quiet.InitializeAsync(Token);
        await _files.AssertSameResultsAsExactAsync(quiet, prefix);
    }
}
