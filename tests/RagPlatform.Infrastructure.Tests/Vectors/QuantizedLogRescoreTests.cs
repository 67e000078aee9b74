using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Files;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>A quantized index keeps only int8 codes in memory and re-scores its candidates with
/// fp32 vectors read back from the log: its hits must be those of an exact index, which scans fp32
/// vectors held in memory, over the same files.</summary>
public sealed class QuantizedLogRescoreTests : IDisposable
{
    private const int Dimensions = 64;
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _storage.Dispose();
    }

    [Fact]
    public async Task Re_scoring_from_the_log_returns_the_hits_and_scores_of_the_exact_in_memory_scan()
    {
        var data = new ClusteredVectors(seed: 17, Dimensions);
        var (centres, rows) = data.Generate(count: 3_000, clusters: 12, spread: 0.5f);
        var writer = OpenIndex(VectorScanMode.Quantized);
        var documents = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var batch in rows.Select((vector, i) => new VectorRecord(Guid.NewGuid(), documents[i % documents.Length], (Modality)(i % 3), vector)).Chunk(700))
        {
            await writer.UpsertAsync(batch, Token);
        }

        // A second instance loads the files the first one wrote; the writer searches what it caught up with.
        var quantized = OpenIndex(VectorScanMode.Quantized);
        var exact = OpenIndex(VectorScanMode.Exact);
        var filters = new[] { SearchFilter.None, new SearchFilter(new HashSet<Modality> { Modality.Image }, new HashSet<Guid>()), new SearchFilter(new HashSet<Modality>(), documents[..4].ToHashSet()) };
        for (var q = 0; q < 24; q++)
        {
            var query = data.Near(centres[q % centres.Count], 0.5f);
            var filter = filters[q % filters.Length];
            var expected = await exact.SearchAsync(query, 10, filter, Token);
            foreach (var index in new[] { quantized, writer })
            {
                var actual = await index.SearchAsync(query, 10, filter, Token);
                Assert.Equal(expected.Select(hit => hit.ItemId), actual.Select(hit => hit.ItemId));
                Assert.Equal(expected.Select(hit => hit.Score), actual.Select(hit => hit.Score));
            }
        }
    }

    [Fact]
    public async Task A_sample_reads_the_vectors_as_written_and_sees_rows_another_instance_added_and_replaced()
    {
        var random = new RandomVectors(seed: 3, Dimensions);
        var reader = OpenIndex(VectorScanMode.Quantized);
        var writer = OpenIndex(VectorScanMode.Quantized);
        var document = Guid.NewGuid();
        var records = Enumerable.Range(0, 40).Select(_ => new VectorRecord(Guid.NewGuid(), document, Modality.Text, random.Next())).ToList();
        await writer.UpsertAsync(records, Token);
        Assert.Equal(40, await reader.CountAsync(Token));

        // Replacing rows appends new records: the reader must read the new ones, not the first.
        var replaced = records.Take(10).Select(record => record with { Vector = random.Next() }).ToList();
        await writer.UpsertAsync(replaced, Token);
        var expected = replaced.Concat(records.Skip(10)).ToDictionary(record => record.ItemId, record => record.Vector.ToArray());
        var sample = await reader.SampleAsync(int.MaxValue, Token);
        Assert.Equal(40, sample.Count);
        Assert.All(sample, record => Assert.Equal(expected[record.ItemId], record.Vector.ToArray()));
        var hit = (await reader.SearchAsync(replaced[3].Vector, 1, SearchFilter.None, Token))[0];
        Assert.Equal(replaced[3].ItemId, hit.ItemId);
        Assert.Equal(1f, hit.Score, 1e-5f);
    }

    private EmbeddedVectorIndex OpenIndex(VectorScanMode mode) => _storage.OpenVectorIndex(parallelScanThreshold: 1_000, vectorScan: mode);
}
