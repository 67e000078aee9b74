using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging.Abstractions;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Files;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>A vector folder of a test's own with the rows the snapshot tests write (<see cref="VectorSnapshotTests"/>,
/// <see cref="VectorSnapshotDamageTests"/>), and their oracle: an exact index over the same files, which never reads
/// a snapshot.</summary>
internal sealed class VectorSnapshotFolder : IDisposable
{
    public const int Dimensions = 64;

    public TemporaryStorage Storage { get; } = new();

    public ClusteredVectors Data { get; } = new(seed: 23, Dimensions);

    public Guid[] Documents { get; } = [.. Enumerable.Range(0, 40).Select(_ => Guid.NewGuid())];

    public List<float[]> Centres { get; private set; } = [];

    public string Folder => Path.Combine(Storage.DataDirectory, "vectors", "clip");

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public string SnapshotPath(int generation) => Path.Combine(Folder, $"vectors-{generation:D6}.codes");

    public string LogPath(int generation) => Path.Combine(Folder, $"vectors-{generation:D6}.log");

    public void Dispose() => Storage.Dispose();

    /// <summary>Loads <paramref name="index"/> and waits for the snapshot it writes in the background.</summary>
    public static async Task LoadAndSnapshotAsync(EmbeddedVectorIndex index)
    {
        await index.InitializeAsync(Token);
        await index.SnapshotSettledAsync(Token);
    }

    /// <summary>9,000 rows over three segments (one partial), then a document deleted and rows
    /// replaced, so the snapshot holds swapped rows, a freed document slot and dead records.</summary>
    public async Task WriteRowsAsync(EmbeddedVectorIndex writer)
    {
        var (centres, _) = Data.Generate(count: 0, clusters: 12, spread: 0.5f);
        Centres = centres;
        foreach (var batch in Rows(9_000, first: 0).Chunk(2_000))
        {
            await writer.UpsertAsync(batch, Token);
        }

        await writer.DeleteDocumentAsync(Documents[3], Token);
        await writer.UpsertAsync(Rows(100, first: 1_000).Select(row => row with { Vector = Data.Near(Centres[0], 0.5f) }).ToList(), Token);
    }

    /// <summary>Rows numbered from <paramref name="first"/>: the same number gives the same item id.</summary>
    public List<VectorRecord> Rows(int count, int first) =>
        [.. Enumerable.Range(first, count).Select(i => new VectorRecord(
            new Guid(i, 0, 0, [1, 2, 3, 4, 5, 6, 7, 8]), Documents[i % Documents.Length], (Modality)(i % 3), Data.Near(Centres[i % Centres.Count], 0.5f)))];

    /// <param name="storage">Where <paramref name="quantized"/>'s files are, when not in this folder.</param>
    public async Task AssertSameResultsAsExactAsync(EmbeddedVectorIndex quantized, TemporaryStorage? storage = null)
    {
        var exact = (storage ?? Storage).OpenVectorIndex(vectorScan: VectorScanMode.Exact);
        Assert.Equal(await exact.CountAsync(Token), await quantized.CountAsync(Token));
        var filters = new[]
        {
            SearchFilter.None,
            new SearchFilter(new HashSet<Modality> { Modality.Image }, new HashSet<Guid>()),
            new SearchFilter(new HashSet<Modality>(), Documents[..5].ToHashSet()),
        };
        for (var q = 0; q < 12; q++)
        {
            var query = Data.Near(Centres[q % Centres.Count], 0.5f);
            var filter = filters[q % filters.Length];
            var expected = await exact.SearchAsync(query, 10, filter, Token);
            var actual = await quantized.SearchAsync(query, 10, filter, Token);
            Assert.Equal(expected.Select(hit => (hit.ItemId, hit.DocumentId, hit.Modality, hit.Score)), actual.Select(hit => (hit.ItemId, hit.DocumentId, hit.Modality, hit.Score)));
        }

        // Every row the log holds, and nothing else: the same ids, documents, modalities and fp32 vectors.
        Assert.Equal(RowsOf(await exact.SampleAsync(int.MaxValue, Token)), RowsOf(await quantized.SampleAsync(int.MaxValue, Token)));
    }

    /// <summary>Rows as comparable values, in order (the fp32 vector by its hash).</summary>
    public static IEnumerable<(Guid ItemId, Guid DocumentId, Modality Modality, ulong Vector)> RowsOf(IEnumerable<VectorRecord> rows) =>
        rows.Select(row => (row.ItemId, row.DocumentId, row.Modality, XxHash3.HashToUInt64(MemoryMarshal.AsBytes(row.Vector.Span)))).Order();

    public async Task<VectorSnapshotLoad?> ReadSnapshotAsync(int generation)
    {
        using var log = File.OpenHandle(LogPath(generation));
        return await VectorSnapshotReader.TryLoadAsync(SnapshotPath(generation), generation, log, VectorSegments.DefaultSegmentCapacity, NullLogger.Instance, Token);
    }
}
