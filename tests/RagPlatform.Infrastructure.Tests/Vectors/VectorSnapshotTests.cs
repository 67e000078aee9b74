using RagPlatform.Storage.Files;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The quantized index's snapshot of its rows (<c>vectors-000001.codes</c>): a reload reads it
/// instead of the whole log, a snapshot behind the log is completed from the log's newer records, and
/// it is written in the background, never on a load's or a write's path. Damaged snapshots:
/// <see cref="VectorSnapshotDamageTests"/>.</summary>
public sealed class VectorSnapshotTests : IDisposable
{
    private readonly VectorSnapshotFolder _files = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_first_load_writes_a_snapshot_of_the_whole_log_that_the_next_load_reads_with_the_same_results()
    {
        await _files.WriteRowsAsync(_files.Storage.OpenVectorIndex());

        var first = _files.Storage.OpenVectorIndex();
        await VectorSnapshotFolder.LoadAndSnapshotAsync(first);
        var snapshot = await _files.ReadSnapshotAsync(1);
        Assert.NotNull(snapshot);
        Assert.Equal(new FileInfo(_files.LogPath(1)).Length, snapshot.LogOffset);
        Assert.Equal(await first.CountAsync(Token), snapshot.Vectors.Count);

        var restored = _files.Storage.OpenVectorIndex();
        await _files.AssertSameResultsAsExactAsync(restored);
        await _files.AssertSameResultsAsExactAsync(first);

        // The restored index grows its short last segment and adds more; replaced ids stay one row each.
        await restored.UpsertAsync(_files.Rows(5_000, first: 8_000), Token);
        await _files.AssertSameResultsAsExactAsync(restored);
        // Rows 0-12,999, less the 225 of document 3 deleted, of which the 3 replaced among rows
        // 1,000-1,099 and the 25 among rows 8,000-8,999 came back.
        Assert.Equal(13_000 - 225 + 3 + 25, await restored.CountAsync(Token));
    }

    [Fact]
    public async Task A_snapshot_behind_the_log_is_completed_from_the_newer_records_torn_tail_included()
    {
        var writer = _files.Storage.OpenVectorIndex();
        await _files.WriteRowsAsync(writer);
        await VectorSnapshotFolder.LoadAndSnapshotAsync(_files.Storage.OpenVectorIndex());
        var covered = (await _files.ReadSnapshotAsync(1))!.LogOffset;

        // After the snapshot: rows replaced under the same ids, a document deleted, new rows, and a
        // last record a dying writer cut short.
        var replaced = _files.Rows(300, first: 0).Select(row => row with { Vector = _files.Data.Near(_files.Centres[1], 0.5f) }).ToList();
        await writer.UpsertAsync(replaced, Token);
        await writer.DeleteDocumentAsync(_files.Documents[7], Token);
        await writer.UpsertAsync(_files.Rows(500, first: 20_000), Token);
        await using (var log = new FileStream(_files.LogPath(1), FileMode.Open))
        {
            log.SetLength(log.Length - 10);
        }

        var reopened = _files.Storage.OpenVectorIndex();
        await _files.AssertSameResultsAsExactAsync(reopened);
        Assert.Equal(await _files.Storage.OpenVectorIndex(vectorScan: VectorScanMode.Exact).CountAsync(Token), await reopened.CountAsync(Token));
        await reopened.SnapshotSettledAsync(Token);
        Assert.Equal(covered, (await _files.ReadSnapshotAsync(1))!.LogOffset); // 300 + 1 + 500 records: below the refresh threshold

        await VectorSnapshotFolder.LoadAndSnapshotAsync(_files.Storage.OpenVectorIndex(snapshotRefreshRecords: 500));
        Assert.Equal(new FileInfo(_files.LogPath(1)).Length - VectorLogFormat.RecordBytes(VectorSnapshotFolder.Dimensions) + 10, (await _files.ReadSnapshotAsync(1))!.LogOffset);
        await _files.AssertSameResultsAsExactAsync(_files.Storage.OpenVectorIndex());
    }

    [Fact]
    public async Task Compaction_writes_the_new_generations_snapshot_and_removes_the_old_one()
    {
        var writer = _files.Storage.OpenVectorIndex(compactionThreshold: 2_000);
        await _files.WriteRowsAsync(writer);
        await VectorSnapshotFolder.LoadAndSnapshotAsync(_files.Storage.OpenVectorIndex());
        Assert.True(File.Exists(_files.SnapshotPath(1)));

        foreach (var document in _files.Documents.Take(30))
        {
            await writer.DeleteDocumentAsync(document, Token);
        }

        await writer.SnapshotSettledAsync(Token);
        var generation = int.Parse(await File.ReadAllTextAsync(Path.Combine(_files.Folder, "manifest"), Token), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(generation > 1);
        Assert.Equal(new[] { Path.GetFileName(_files.LogPath(generation)), Path.GetFileName(_files.SnapshotPath(generation)) }.Order(), Directory.GetFiles(_files.Folder, "vectors-*").Select(Path.GetFileName).Order());

        // Taken in the background once the compacting write let go of the writers' lock: after the
        // compacted log's one upsert per live row, and after any deletes that came before it.
        var snapshot = await _files.ReadSnapshotAsync(generation);
        Assert.NotNull(snapshot);
        Assert.InRange(snapshot.LogOffset, snapshot.Vectors.Count * (long)VectorLogFormat.RecordBytes(VectorSnapshotFolder.Dimensions), new FileInfo(_files.LogPath(generation)).Length);
        await _files.AssertSameResultsAsExactAsync(_files.Storage.OpenVectorIndex());
        await _files.AssertSameResultsAsExactAsync(writer);
    }

    [Fact]
    public async Task A_load_does_not_wait_for_its_snapshot_which_waits_for_the_writers_lock()
    {
        await _files.WriteRowsAsync(_files.Storage.OpenVectorIndex());
        var index = _files.Storage.OpenVectorIndex();
        Task settled;
        using (await VectorFolderLock.AcquireAsync(Path.Combine(_files.Folder, "lock"), Token))
        {
            // Another writer holds the lock: the load completes and searches; the snapshot waits.
            await _files.AssertSameResultsAsExactAsync(index);
            settled = index.SnapshotSettledAsync(Token);
            Assert.False(settled.IsCompleted);
            Assert.False(File.Exists(_files.SnapshotPath(1)));
        }

        await settled;
        Assert.Equal(new FileInfo(_files.LogPath(1)).Length, (await _files.ReadSnapshotAsync(1))!.LogOffset);
        await _files.AssertSameResultsAsExactAsync(_files.Storage.OpenVectorIndex());
    }

    [Fact]
    public async Task Disposing_an_index_gives_up_its_pending_snapshot_without_leaving_files()
    {
        await _files.WriteRowsAsync(_files.Storage.OpenVectorIndex());
        var index = _files.Storage.OpenVectorIndex();
        using (await VectorFolderLock.AcquireAsync(Path.Combine(_files.Folder, "lock"), Token))
        {
            await index.InitializeAsync(Token);
            index.Dispose();
            Assert.True(index.SnapshotSettledAsync(Token).IsCompletedSuccessfully);
        }

        Assert.Equal([Path.GetFileName(_files.LogPath(1))], Directory.GetFiles(_files.Folder, "vectors-*").Select(Path.GetFileName));
        await VectorSnapshotFolder.LoadAndSnapshotAsync(_files.Storage.OpenVectorIndex());
        Assert.True(File.Exists(_files.SnapshotPath(1)));
    }
}
