using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>A snapshot is written after its rows are captured, with only the snapshot lock held: writers of
/// this instance and of others go on meanwhile, the snapshot stays of exactly the log position it records,
/// and a compaction waits for it. The write is held at a test seam, so nothing here depends on timing.</summary>
public sealed class VectorSnapshotWhileWritingTests : IDisposable
{
    private readonly VectorSnapshotFolder _files = new();
    private readonly TaskCompletionSource _captured = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _resume = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        // Disposing an index waits for the snapshot it is writing: never leave one held.
        _resume.TrySetResult();
        _files.Dispose();
    }

    [Fact]
    public async Task Upserts_and_deletes_complete_while_the_snapshot_is_written_which_holds_the_rows_of_its_position()
    {
        var writer = _files.Storage.OpenVectorIndex();
        await _files.WriteRowsAsync(writer);
        var index = await LoadHeldAtSnapshotWriteAsync();
        var covered = new FileInfo(_files.LogPath(1)).Length;
        var rows = await index.CountAsync(Token);

        // This instance changes rows the snapshot is reading (replaced in place in the first segment,
        // swap-removed by a delete across all three, appended to the partial last one); another
        // instance, as another process would, appends under the writers' lock the snapshot let go.
        await index.UpsertAsync(_files.Rows(300, first: 0).Select(row => row with { Vector = _files.Data.Near(_files.Centres[1], 0.5f) }).ToList(), Token);
        await index.DeleteDocumentAsync(_files.Documents[7], Token);
        await index.UpsertAsync(_files.Rows(500, first: 20_000), Token);
        await writer.UpsertAsync(_files.Rows(200, first: 30_000), Token);
        await writer.DeleteDocumentAsync(_files.Documents[11], Token);
        Assert.False(index.SnapshotSettledAsync(Token).IsCompleted);
        Assert.False(File.Exists(_files.SnapshotPath(1)));

        _resume.SetResult();
        await index.SnapshotSettledAsync(Token);
        var snapshot = await _files.ReadSnapshotAsync(1);
        Assert.NotNull(snapshot);
        Assert.Equal(covered, snapshot.LogOffset);
        Assert.Equal(rows, snapshot.Vectors.Count);

        // A reload (the snapshot's rows, then the log's records after it) and the writing instance
        // both hold what a full read of the log gives.
        await _files.AssertSameResultsAsExactAsync(_files.Storage.OpenVectorIndex());
        await _files.AssertSameResultsAsExactAsync(index);
    }

    [Fact]
    public async Task The_snapshot_written_meanwhile_is_byte_for_byte_the_one_a_quiet_load_of_its_log_prefix_writes()
    {
        await _files.WriteRowsAsync(_files.Storage.OpenVectorIndex());
        var index = await LoadHeldAtSnapshotWriteAsync();
        await index.UpsertAsync(_files.Rows(300, first: 0).Select(row => row with { Vector = _files.Data.Near(_files.Centres[2], 0.5f) }).ToList(), Token);
        await index.DeleteDocumentAsync(_files.Documents[5], Token);
        await index.UpsertAsync(_files.Rows(500, first: 20_000), Token);
        _resume.SetResult();
        await index.SnapshotSettledAsync(Token);
        var covered = (await _files.ReadSnapshotAsync(1))!.LogOffset;

        // Another folder holding the log only up to the snapshot's position, loaded with no writer about.
        using var prefix = new TemporaryStorage();
        var folder = Path.Combine(prefix.DataDirectory, "vectors", "clip");
        Directory.CreateDirectory(folder);
        File.Copy(Path.Combine(_files.Folder, "manifest"), Path.Combine(folder, "manifest"));
        var log = Path.Combine(folder, Path.GetFileName(_files.LogPath(1)));
        File.Copy(_files.LogPath(1), log);
        await using (var stream = new FileStream(log, FileMode.Open))
        {
            stream.SetLength(covered);
        }

        var quiet = prefix.OpenVectorIndex();
        await VectorSnapshotFolder.LoadAndSnapshotAsync(quiet);
        await _files.AssertSameResultsAsExactAsync(quiet, prefix);
        Assert.Equal(
            await File.ReadAllBytesAsync(_files.SnapshotPath(1), Token),
            await File.ReadAllBytesAsync(Path.Combine(folder, Path.GetFileName(_files.SnapshotPath(1))), Token));
    }

    [Fact]
    public async Task A_compaction_waits_for_the_snapshot_being_written_then_removes_it_with_the_old_log()
    {
        await _files.WriteRowsAsync(_files.Storage.OpenVectorIndex());
        var index = await LoadHeldAtSnapshotWriteAsync();
        var compaction = index.CompactAsync(Token);
        Assert.False(compaction.IsCompleted); // it cannot make the new generation current before the write ends
        Assert.Equal("1", await File.ReadAllTextAsync(Path.Combine(_files.Folder, "manifest"), Token));

        _resume.SetResult();
        await compaction;
        await index.SnapshotSettledAsync(Token);
        Assert.Equal(
            new[] { Path.GetFileName(_files.LogPath(2)), Path.GetFileName(_files.SnapshotPath(2)) }.Order(),
            Directory.GetFiles(_files.Folder, "vectors-*").Select(Path.GetFileName).Order());
        await _files.AssertSameResultsAsExactAsync(_files.Storage.OpenVectorIndex());
        await _files.AssertSameResultsAsExactAsync(index);
    }

    /// <summary>A new instance that loads the whole log and starts its snapshot, returned once the snapshot's
    /// rows are captured and its write is held until <see cref="_resume"/>.</summary>
    private async Task<EmbeddedVectorIndex> LoadHeldAtSnapshotWriteAsync()
    {
        var index = _files.Storage.OpenVectorIndex();
        index.PauseSnapshotWritesWith(async () =>
        {
            _captured.TrySetResult();
            await _resume.Task;
        });
        await index.InitializeAsync(Token);
        await _captured.Task.WaitAsync(Token);
        return index;
    }
}
