using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The embedded index's own files: torn and damaged tails, replacement by item id,
/// compaction, writers in several instances (processes) and the one-time import of vectors that a
/// data folder from before the files kept in SQLite.</summary>
public sealed class EmbeddedVectorFilesTests : IDisposable
{
    private const int Dimensions = 8;
    private readonly TemporaryStorage _storage = new();
    private readonly RandomVectors _random = new(seed: 5, Dimensions);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private string LogPath(int generation) =>
        Path.Combine(_storage.DataDirectory, "vectors", "clip", $"vectors-{generation:D6}.log");

    public void Dispose()
    {
        _storage.Dispose();
    }

    [Fact]
    public async Task A_record_cut_short_is_dropped_nothing_before_it_is_lost_and_the_next_write_works()
    {
        var writer = OpenIndex();
        var document = Guid.NewGuid();
        var first = Records(3, document);
        var second = Records(2, document);
        await writer.UpsertAsync(first, Token);
        await writer.UpsertAsync(second, Token);

        // A writer killed mid-record: the last record loses its final 10 bytes.
        using (var log = new FileStream(LogPath(1), FileMode.Open))
        {
            log.SetLength(log.Length - 10);
        }

        var reader = OpenIndex();
        Assert.Equal(4, await reader.CountAsync(Token));
        Assert.Equal(first.Concat(second.Take(1)).Select(r => r.ItemId).Order(), await ItemIdsAsync(reader));

        var third = Records(2, document);
        await OpenIndex().UpsertAsync(third, Token);
        Assert.Equal(6, await OpenIndex().CountAsync(Token));
        Assert.Equal(6, await reader.CountAsync(Token));
    }

    [Fact]
    public async Task A_flipped_byte_drops_its_record_and_the_tail_after_it_but_nothing_before()
    {
        var writer = OpenIndex();
        var document = Guid.NewGuid();
        await writer.UpsertAsync(Records(3, document), Token);
        var length = new FileInfo(LogPath(1)).Length;
        await writer.UpsertAsync(Records(2, document), Token);

        // One bit of the first vector byte of the fourth record rots.
        using (var log = new FileStream(LogPath(1), FileMode.Open))
        {
            log.Position = length + VectorLogFormat.HeaderBytes;
            var value = log.ReadByte();
            log.Position = length + VectorLogFormat.HeaderBytes;
            log.WriteByte((byte)(value ^ 0x10));
        }

        var reader = OpenIndex();
        Assert.Equal(3, await reader.CountAsync(Token));
        await reader.UpsertAsync(Records(1, document), Token);
        Assert.Equal(4, await OpenIndex().CountAsync(Token));
    }

    [Fact]
    public async Task A_flipped_byte_in_a_large_chunk_whose_checksums_are_verified_in_parallel_drops_only_the_tail_from_it()
    {
        var records = Records(1_000, Guid.NewGuid());
        await OpenIndex().UpsertAsync(records, Token);
        using (var log = new FileStream(LogPath(1), FileMode.Open))
        {
            log.Position = (700L * VectorLogFormat.RecordBytes(Dimensions)) + VectorLogFormat.HeaderBytes + 3;
            var value = log.ReadByte();
            log.Position--;
            log.WriteByte((byte)(value ^ 0x01));
        }

        var reader = OpenIndex();
        Assert.Equal(700, await reader.CountAsync(Token));
        Assert.Equal(records.Take(700).Select(r => r.ItemId).Order(), await ItemIdsAsync(reader));
    }

    [Fact]
    public async Task The_census_counts_the_live_rows_of_each_document_in_both_spaces()
    {
        var kept = Guid.NewGuid();
        var deleted = Guid.NewGuid();
        var index = OpenIndex();
        var keptRecords = Records(3, kept);
        await index.UpsertAsync([.. keptRecords, .. Records(2, deleted)], Token);
        await index.UpsertAsync([keptRecords[0] with { Vector = _random.Next() }], Token);
        await index.DeleteDocumentAsync(deleted, Token);
        var text = _storage.OpenVectorIndex(VectorTableNames.Text);
        await text.UpsertAsync(Records(4, kept), Token);

        var census = await VectorFolderCensus.CountByDocumentAsync(_storage.DataDirectory, Token);

        Assert.Equal(new Dictionary<Guid, int> { [kept] = 7 }, census);
    }

    [Fact]
    public async Task The_latest_record_of_an_item_wins_also_after_a_delete_and_a_reingest()
    {
        var index = OpenIndex();
        var document = Guid.NewGuid();
        var records = Records(4, document);
        await index.UpsertAsync(records, Token);
        var replaced = records[0] with { Vector = Unit(0) };
        await index.UpsertAsync([replaced], Token);
        await index.DeleteDocumentAsync(document, Token);
        // Re-ingesting writes the same item ids again.
        await index.UpsertAsync([.. records.Skip(1), replaced], Token);

        var reopened = OpenIndex();
        Assert.Equal(4, await reopened.CountAsync(Token));
        var hit = (await reopened.SearchAsync(Unit(0), 1, SearchFilter.None, Token))[0];
        Assert.Equal(replaced.ItemId, hit.ItemId);
        Assert.Equal(1f, hit.Score, 1e-5f);
    }

    [Fact]
    public async Task Compaction_rewrites_the_live_rows_into_a_new_generation_that_other_instances_reload()
    {
        var writer = OpenIndex(compactionThreshold: 10);
        var other = OpenIndex();
        var keep = Guid.NewGuid();
        var kept = Records(5, keep);
        await writer.UpsertAsync(kept, Token);
        Assert.Equal(5, await other.CountAsync(Token));
        for (var round = 0; round < 2; round++)
        {
            var scratch = Guid.NewGuid();
            await writer.UpsertAsync(Records(4, scratch), Token);
            await writer.DeleteDocumentAsync(scratch, Token);
        }

        Assert.False(File.Exists(LogPath(1)));
        Assert.True(File.Exists(LogPath(2)));
        Assert.Equal(5 * VectorLogFormat.RecordBytes(Dimensions), new FileInfo(LogPath(2)).Length);
        Assert.Equal(kept.Select(r => r.ItemId).Order(), await ItemIdsAsync(other));
        // The compacting instance kept its memory copy and re-pointed its rows at the new log:
        // what it reads back through them must still be each row's own vector.
        var vectors = kept.ToDictionary(record => record.ItemId, record => record.Vector.ToArray());
        Assert.All(await writer.SampleAsync(int.MaxValue, Token), record => Assert.Equal(vectors[record.ItemId], record.Vector.ToArray()));
        var hit = (await writer.SearchAsync(kept[2].Vector, 1, SearchFilter.None, Token))[0];
        Assert.Equal((kept[2].ItemId, 1f), (hit.ItemId, MathF.Round(hit.Score, 4)));
        await other.UpsertAsync(Records(1, keep), Token);
        Assert.Equal(6, await writer.CountAsync(Token));
        Assert.Equal(6, await OpenIndex().CountAsync(Token));
    }

    [Fact]
    public async Task Two_instances_writing_at_once_lose_no_record()
    {
        var api = OpenIndex();
        var worker = OpenIndex();
        var batches = Enumerable.Range(0, 20).Select(_ => Records(25, Guid.NewGuid())).ToList();

        await Task.WhenAll(
            Task.Run(async () =>
            {
                foreach (var batch in batches.Where((_, i) => i % 2 == 0))
                {
                    await api.UpsertAsync(batch, Token);
                }
            }, Token),
            Task.Run(async () =>
            {
                foreach (var batch in batches.Where((_, i) => i % 2 == 1))
                {
                    await worker.UpsertAsync(batch, Token);
                }
            }, Token));

        Assert.Equal(500, await api.CountAsync(Token));
        Assert.Equal(500, await worker.CountAsync(Token));
        Assert.Equal(500, await OpenIndex().CountAsync(Token));
    }

    [Fact]
    public async Task Vectors_kept_in_sqlite_by_an_older_build_are_imported_once_at_start()
    {
        var legacy = new SqliteVectorTable(_storage.OpenDatabase());
        var document = Guid.NewGuid();
        var records = Records(30, document);
        await legacy.UpsertAsync(records, Dimensions, Token);
        Assert.False(Directory.Exists(Path.Combine(_storage.DataDirectory, "vectors")));

        var index = OpenIndex();
        await index.InitializeAsync(Token);
        Assert.Equal(30, await index.CountAsync(Token));
        var query = records[7].Vector.ToArray();
        Assert.Equal(records[7].ItemId, (await index.SearchAsync(query, 1, SearchFilter.None, Token))[0].ItemId);

        // The SQLite rows went once the log held them, so the disk does not keep them twice.
        Assert.Equal(0, await LegacyRowsAsync());

        await index.DeleteDocumentAsync(document, Token);
        Assert.Equal(0, await OpenIndex().CountAsync(Token));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_import_interrupted_after_the_log_was_flushed_completes_at_the_next_start_without_losing_or_doubling_rows(bool beforeClearing)
    {
        var legacy = new SqliteVectorTable(_storage.OpenDatabase());
        var records = Records(30, Guid.NewGuid());
        await legacy.UpsertAsync(records, Dimensions, Token);
        var first = OpenIndex();
        await first.InitializeAsync(Token);
        var logLength = new FileInfo(LogPath(1)).Length;

        // The state a crash leaves: the log flushed, the manifest not yet written and, if the crash
        // came before clearing, the SQLite rows still there.
        File.Delete(Path.Combine(_storage.DataDirectory, "vectors", "clip", "manifest"));
        if (beforeClearing)
        {
            await legacy.UpsertAsync(records, Dimensions, Token);
        }

        var restarted = OpenIndex();
        await restarted.InitializeAsync(Token);
        Assert.Equal(30, await restarted.CountAsync(Token));
        Assert.Equal(records.Select(r => r.ItemId).Order(), await ItemIdsAsync(restarted));
        Assert.Equal(0, await LegacyRowsAsync());
        Assert.Equal(beforeClearing ? 2 * logLength : logLength, new FileInfo(LogPath(1)).Length);
    }

    private async Task<long> LegacyRowsAsync()
    {
        await using var connection = await _storage.OpenDatabase().OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM vectors";
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private EmbeddedVectorIndex OpenIndex(int compactionThreshold = EmbeddedVectorIndex.DefaultCompactionThreshold) =>
        _storage.OpenVectorIndex(compactionThreshold: compactionThreshold);

    private List<VectorRecord> Records(int count, Guid document) =>
        [.. Enumerable.Range(0, count).Select(_ => new VectorRecord(Guid.NewGuid(), document, Modality.Text, _random.Next()))];

    private static float[] Unit(int axis)
    {
        var vector = new float[Dimensions];
        vector[axis] = 1;
        return vector;
    }

    private static async Task<IEnumerable<Guid>> ItemIdsAsync(EmbeddedVectorIndex index) =>
        (await index.SampleAsync(int.MaxValue, Token)).Select(record => record.ItemId).Order();
}
