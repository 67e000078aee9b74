using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Clip;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Files;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The quantized index's snapshot of its rows (<c>vectors-000001.codes</c>): a reload reads it
/// instead of the whole log, and a snapshot that is missing, torn, damaged, of another log or behind
/// the log never changes what a search finds: the first three are rebuilt from the log, the last is
/// completed from the log's newer records. The oracle is an exact index over the same files, which
/// never reads a snapshot.</summary>
public sealed class VectorSnapshotTests : IDisposable
{
    private const int Dimensions = 64;
    private readonly TemporaryStorage _storage = new();
    private readonly ClusteredVectors _data = new(seed: 23, Dimensions);
    private readonly Guid[] _documents = [.. Enumerable.Range(0, 40).Select(_ => Guid.NewGuid())];
    private List<float[]> _centres = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string Folder => Path.Combine(_storage.DataDirectory, "vectors", "clip");

    private string SnapshotPath(int generation) => Path.Combine(Folder, $"vectors-{generation:D6}.codes");

    private string LogPath(int generation) => Path.Combine(Folder, $"vectors-{generation:D6}.log");

    public void Dispose()
    {
        _storage.Dispose();
    }

    [Fact]
    public async Task The_first_load_writes_a_snapshot_of_the_whole_log_that_the_next_load_reads_with_the_same_results()
    {
        await WriteRowsAsync(_storage.OpenVectorIndex());

        var first = _storage.OpenVectorIndex();
        await LoadAndSnapshotAsync(first);
        var snapshot = await ReadSnapshotAsync(1);
        Assert.NotNull(snapshot);
        Assert.Equal(new FileInfo(LogPath(1)).Length, snapshot.LogOffset);
        Assert.Equal(await first.CountAsync(Token), snapshot.Vectors.Count);

        var restored = _storage.OpenVectorIndex();
        await AssertSameResultsAsExactAsync(restored);
        await AssertSameResultsAsExactAsync(first);

        // The restored index grows its short last segment and adds more; replaced ids stay one row each.
        await restored.UpsertAsync(Rows(5_000, first: 8_000), Token);
        await AssertSameResultsAsExactAsync(restored);
        // Rows 0-12,999, less the 225 of document 3 deleted, of which the 3 replaced among rows
        // 1,000-1,099 and the 25 among rows 8,000-8,999 came back.
        Assert.Equal(13_000 - 225 + 3 + 25, await restored.CountAsync(Token));
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("empty")]
    [InlineData("torn")]
    [InlineData("short by one byte")]
    [InlineData("one byte longer")]
    [InlineData("last block torn")]
    [InlineData("damaged codes")]
    [InlineData("damaged log offset")]
    [InlineData("damaged item map")]
    [InlineData("damaged header")]
    [InlineData("damaged trailer")]
    [InlineData("of another log")]
    [InlineData("unreadable")]
    public async Task A_snapshot_that_does_not_check_out_is_ignored_with_a_warning_and_rebuilt_byte_for_byte_from_the_log(string damage)
    {
        await WriteRowsAsync(_storage.OpenVectorIndex());
        await LoadAndSnapshotAsync(_storage.OpenVectorIndex());
        var written = await File.ReadAllBytesAsync(SnapshotPath(1), Token);

        var spoiled = (byte[])written.Clone();
        switch (damage)
        {
            case "missing":
                File.Delete(SnapshotPath(1));
                break;
            case "empty":
                spoiled = [];
                break;
            case "torn":
                spoiled = spoiled[..(spoiled.Length / 2)];
                break;
            case "short by one byte":
                spoiled = spoiled[..^1];
                break;
            case "one byte longer":
                spoiled = [.. spoiled, 0];
                break;
            case "last block torn":
                // The length is right but the last block's pages never reached the disk (zeros),
                // which only the block's hash can tell.
                spoiled.AsSpan(LastBlock(written)).Clear();
                break;
            case "damaged codes":
                spoiled[VectorSnapshotFormat.HeaderBytes + (_documents.Length * 16) + 100] ^= 0x04;
                break;
            case "damaged log offset":
                spoiled[LastBlock(written).End.Value - 8] ^= 0x01; // the last row's log offset, still in range
                break;
            case "damaged item map":
                spoiled[spoiled.Length - VectorSnapshotFormat.TrailerBytes - 30] ^= 0x40;
                break;
            case "damaged header":
                spoiled[13] ^= 0x01; // the row count
                break;
            case "damaged trailer":
                spoiled[^1] ^= 0x80;
                break;
            case "of another log":
                spoiled = await SnapshotOfAnotherLogAsync();
                break;
        }

        if (damage == "unreadable")
        {
            // A directory in the snapshot's place: opening it fails the way an unreadable file does.
            File.Delete(SnapshotPath(1));
            Directory.CreateDirectory(SnapshotPath(1));
        }
        else if (damage != "missing")
        {
            await File.WriteAllBytesAsync(SnapshotPath(1), spoiled, Token);
        }

        var logger = new RecordingLogger<EmbeddedVectorIndex>();
        var reopened = _storage.OpenVectorIndex(logger: logger);
        await AssertSameResultsAsExactAsync(reopened);
        await reopened.SnapshotSettledAsync(Token);
        var warnings = logger.Entries.Where(entry => entry.Level == LogLevel.Warning).Select(entry => entry.Message).ToList();
        if (damage == "missing")
        {
            Assert.Empty(warnings);
        }
        else
        {
            Assert.Contains(warnings, message => message.StartsWith($"Ignored the vector snapshot {SnapshotPath(1)}: ", StringComparison.Ordinal));
        }

        if (damage == "unreadable")
        {
            Directory.Delete(SnapshotPath(1));
            await LoadAndSnapshotAsync(_storage.OpenVectorIndex());
        }

        Assert.Equal(written, await File.ReadAllBytesAsync(SnapshotPath(1), Token));
    }

    [Fact]
    public async Task A_snapshot_behind_the_log_is_completed_from_the_newer_records_torn_tail_included()
    {
        var writer = _storage.OpenVectorIndex();
        await WriteRowsAsync(writer);
        await LoadAndSnapshotAsync(_storage.OpenVectorIndex());
        var covered = (await ReadSnapshotAsync(1))!.LogOffset;

        // After the snapshot: rows replaced under the same ids, a document deleted, new rows, and a
        // last record a dying writer cut short.
        var replaced = Rows(300, first: 0).Select(row => row with { Vector = _data.Near(_centres[1], 0.5f) }).ToList();
        await writer.UpsertAsync(replaced, Token);
        await writer.DeleteDocumentAsync(_documents[7], Token);
        await writer.UpsertAsync(Rows(500, first: 20_000), Token);
        await using (var log = new FileStream(LogPath(1), FileMode.Open))
        {
            log.SetLength(log.Length - 10);
        }

        var reopened = _storage.OpenVectorIndex();
        await AssertSameResultsAsExactAsync(reopened);
        Assert.Equal(await _storage.OpenVectorIndex(vectorScan: VectorScanMode.Exact).CountAsync(Token), await reopened.CountAsync(Token));
        await reopened.SnapshotSettledAsync(Token);
        Assert.Equal(covered, (await ReadSnapshotAsync(1))!.LogOffset); // 300 + 1 + 500 records: below the refresh threshold

        await LoadAndSnapshotAsync(_storage.OpenVectorIndex(snapshotRefreshRecords: 500));
        Assert.Equal(new FileInfo(LogPath(1)).Length - VectorLogFormat.RecordBytes(Dimensions) + 10, (await ReadSnapshotAsync(1))!.LogOffset);
        await AssertSameResultsAsExactAsync(_storage.OpenVectorIndex());
    }

    [Fact]
    public async Task Compaction_writes_the_new_generations_snapshot_and_removes_the_old_one()
    {
        var writer = _storage.OpenVectorIndex(compactionThreshold: 2_000);
        await WriteRowsAsync(writer);
        await LoadAndSnapshotAsync(_storage.OpenVectorIndex());
        Assert.True(File.Exists(SnapshotPath(1)));

        foreach (var document in _documents.Take(30))
        {
            await writer.DeleteDocumentAsync(document, Token);
        }

        await writer.SnapshotSettledAsync(Token);
        var generation = int.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, "manifest"), Token), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(generation > 1);
        Assert.Equal(new[] { Path.GetFileName(LogPath(generation)), Path.GetFileName(SnapshotPath(generation)) }.Order(), Directory.GetFiles(Folder, "vectors-*").Select(Path.GetFileName).Order());

        // Taken in the background once the compacting write let go of the writers' lock: after the
        // compacted log's one upsert per live row, and after any deletes that came before it.
        var snapshot = await ReadSnapshotAsync(generation);
        Assert.NotNull(snapshot);
        Assert.InRange(snapshot.LogOffset, snapshot.Vectors.Count * (long)VectorLogFormat.RecordBytes(Dimensions), new FileInfo(LogPath(generation)).Length);
        await AssertSameResultsAsExactAsync(_storage.OpenVectorIndex());
        await AssertSameResultsAsExactAsync(writer);
    }

    [Fact]
    public async Task A_load_does_not_wait_for_its_snapshot_which_waits_for_the_writers_lock()
    {
        await WriteRowsAsync(_storage.OpenVectorIndex());
        var index = _storage.OpenVectorIndex();
        Task settled;
        using (await VectorFolderLock.AcquireAsync(Path.Combine(Folder, "lock"), Token))
        {
            // Another writer holds the lock: the load completes and searches; the snapshot waits.
            await AssertSameResultsAsExactAsync(index);
            settled = index.SnapshotSettledAsync(Token);
            Assert.False(settled.IsCompleted);
            Assert.False(File.Exists(SnapshotPath(1)));
        }

        await settled;
        Assert.Equal(new FileInfo(LogPath(1)).Length, (await ReadSnapshotAsync(1))!.LogOffset);
        await AssertSameResultsAsExactAsync(_storage.OpenVectorIndex());
    }

    [Fact]
    public async Task Disposing_an_index_gives_up_its_pending_snapshot_without_leaving_files()
    {
        await WriteRowsAsync(_storage.OpenVectorIndex());
        var index = _storage.OpenVectorIndex();
        using (await VectorFolderLock.AcquireAsync(Path.Combine(Folder, "lock"), Token))
        {
            await index.InitializeAsync(Token);
            index.Dispose();
            Assert.True(index.SnapshotSettledAsync(Token).IsCompletedSuccessfully);
        }

        Assert.Equal([Path.GetFileName(LogPath(1))], Directory.GetFiles(Folder, "vectors-*").Select(Path.GetFileName));
        await LoadAndSnapshotAsync(_storage.OpenVectorIndex());
        Assert.True(File.Exists(SnapshotPath(1)));
    }

    /// <summary>Loads <paramref name="index"/> and waits for the snapshot it writes in the background.</summary>
    private static async Task LoadAndSnapshotAsync(EmbeddedVectorIndex index)
    {
        await index.InitializeAsync(Token);
        await index.SnapshotSettledAsync(Token);
    }

    /// <summary>9,000 rows over three segments (one partial), then a document deleted and rows
    /// replaced, so the snapshot holds swapped rows, a freed document slot and dead records.</summary>
    private async Task WriteRowsAsync(EmbeddedVectorIndex writer)
    {
        var (centres, _) = _data.Generate(count: 0, clusters: 12, spread: 0.5f);
        _centres = centres;
        foreach (var batch in Rows(9_000, first: 0).Chunk(2_000))
        {
            await writer.UpsertAsync(batch, Token);
        }

        await writer.DeleteDocumentAsync(_documents[3], Token);
        await writer.UpsertAsync(Rows(100, first: 1_000).Select(row => row with { Vector = _data.Near(_centres[0], 0.5f) }).ToList(), Token);
    }

    /// <summary>Rows numbered from <paramref name="first"/>: the same number gives the same item id.</summary>
    private List<VectorRecord> Rows(int count, int first) =>
        [.. Enumerable.Range(first, count).Select(i => new VectorRecord(
            new Guid(i, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]), _documents[i % _documents.Length], (Modality)(i % 3), _data.Near(_centres[i % _centres.Count], 0.5f)))];

    private async Task AssertSameResultsAsExactAsync(EmbeddedVectorIndex quantized)
    {
        var exact = _storage.OpenVectorIndex(vectorScan: VectorScanMode.Exact);
        Assert.Equal(await exact.CountAsync(Token), await quantized.CountAsync(Token));
        var filters = new[]
        {
            SearchFilter.None,
            new SearchFilter(new HashSet<Modality> { Modality.Image }, new HashSet<Guid>()),
            new SearchFilter(new HashSet<Modality>(), _documents[..5].ToHashSet()),
        };
        for (var q = 0; q < 12; q++)
        {
            var query = _data.Near(_centres[q % _centres.Count], 0.5f);
            var filter = filters[q % filters.Length];
            var expected = await exact.SearchAsync(query, 10, filter, Token);
            var actual = await quantized.SearchAsync(query, 10, filter, Token);
            Assert.Equal(expected.Select(hit => (hit.ItemId, hit.DocumentId, hit.Modality, hit.Score)), actual.Select(hit => (hit.ItemId, hit.DocumentId, hit.Modality, hit.Score)));
        }

        // Every row the log holds, and nothing else: the same ids, documents, modalities and fp32 vectors.
        Assert.Equal(RowsOf(await exact.SampleAsync(int.MaxValue, Token)), RowsOf(await quantized.SampleAsync(int.MaxValue, Token)));
    }

    private static IEnumerable<(Guid ItemId, Guid DocumentId, Modality Modality, ulong Vector)> RowsOf(IEnumerable<VectorRecord> rows) =>
        rows.Select(row => (row.ItemId, row.DocumentId, row.Modality, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(row.Vector.Span)))).Order();

    /// <summary>The bytes of a snapshot's last block (the partial one).</summary>
    private static Range LastBlock(byte[] snapshot)
    {
        var header = VectorSnapshotFormat.ReadHeader(snapshot)!;
        var rowBytes = VectorSnapshotFormat.RowBytes(header.Dimensions);
        var start = VectorSnapshotFormat.BlocksStart(header) + ((long)(header.Rows / header.BlockRows) * header.BlockRows * rowBytes);
        return (int)start..(int)(VectorSnapshotFormat.BlocksStart(header) + ((long)header.Rows * rowBytes));
    }

    private async Task<VectorSnapshotLoad?> ReadSnapshotAsync(int generation)
    {
        using var log = File.OpenHandle(LogPath(generation));
        return await VectorSnapshotReader.TryLoadAsync(SnapshotPath(generation), generation, log, VectorSegments.DefaultSegmentCapacity, NullLogger.Instance, Token);
    }

    /// <summary>A valid snapshot of the same generation over a log with other records.</summary>
    private async Task<byte[]> SnapshotOfAnotherLogAsync()
    {
        using var other = new TemporaryStorage();
        var writer = other.OpenVectorIndex();
        await writer.UpsertAsync(Rows(50, first: 0), Token);
        await LoadAndSnapshotAsync(other.OpenVectorIndex());
        return await File.ReadAllBytesAsync(Path.Combine(other.DataDirectory, "vectors", "clip", "vectors-000001.codes"), Token);
    }
}
