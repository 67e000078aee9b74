using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The quantized scan (int8 codes, then exact re-scoring of the candidates) against the exact
/// fp32 scan of the same rows, on clustered data where the best rows are near-ties.</summary>
public sealed class QuantizedScanTests
{
    private const int Dimensions = 256;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Top_10_recalls_at_least_99_percent_of_the_exact_top_10_on_clustered_data(int threads)
    {
        var data = new ClusteredVectors(seed: 41, Dimensions);
        var (centres, rows) = data.Generate(count: 12_000, clusters: 40, spread: 0.6f);
        var segments = Load(rows, segmentCapacity: 1024);

        var found = 0;
        const int Queries = 60;
        for (var q = 0; q < Queries; q++)
        {
            var query = data.Near(centres[q % centres.Count], 0.6f);
            var exact = segments.Search(query, 10, SearchFilter.None, threads, CancellationToken.None, quantized: false);
            var quantized = segments.Search(query, 10, SearchFilter.None, threads, CancellationToken.None, quantized: true);

            Assert.Equal(10, quantized.Count);
            found += quantized.Select(hit => hit.ItemId).Intersect(exact.Select(hit => hit.ItemId)).Count();
            // Re-scored hits carry exact scores, best first.
            Assert.True(quantized.Zip(quantized.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
            Assert.Equal(exact[0].Score, quantized[0].Score, 1e-5f);
        }

        Assert.True(found >= 0.99 * Queries * 10, $"recall@10 {found / (Queries * 10.0):F3}");
    }

    [Fact]
    public void Filters_apply_during_the_quantized_scan()
    {
        var data = new ClusteredVectors(seed: 43, Dimensions);
        var (centres, rows) = data.Generate(count: 3_000, clusters: 10, spread: 0.5f);
        var documents = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var segments = new VectorSegments(segmentCapacity: 256);
        var records = rows.Select((vector, i) => new VectorRecord(Guid.NewGuid(), documents[i % documents.Count], (Modality)(i % 3), vector)).ToList();
        foreach (var record in records)
        {
            segments.Upsert(record.ItemId, record.DocumentId, record.Modality, record.Vector.Span, record.DocumentId == documents[0] ? "reports" : null);
        }

        var query = data.Near(centres[0], 0.5f);
        var filters = new[]
        {
            new SearchFilter(new HashSet<Modality> { Modality.Image }, new HashSet<Guid>()),
            new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { documents[1], documents[2] }),
            SearchFilter.In("reports"),
            new SearchFilter(new HashSet<Modality> { Modality.Text }, new HashSet<Guid> { documents[0], documents[3] }, "reports"),
        };
        foreach (var filter in filters)
        {
            var expected = segments.Search(query, 10, filter, 2, CancellationToken.None, quantized: false);
            var actual = segments.Search(query, 10, filter, 2, CancellationToken.None, quantized: true);

            Assert.NotEmpty(expected);
            Assert.Equal(expected.Select(hit => hit.ItemId), actual.Select(hit => hit.ItemId));
            Assert.All(actual, hit => Assert.True(filter.Allows(hit.Modality, hit.DocumentId)));
        }
    }

    [Fact]
    public void Replaced_and_removed_rows_keep_their_codes_in_step_with_their_vectors()
    {
        var data = new ClusteredVectors(seed: 47, Dimensions);
        var (centres, rows) = data.Generate(count: 2_000, clusters: 8, spread: 0.5f);
        var segments = Load(rows, segmentCapacity: 128);
        var ids = VectorSegmentsRows.Sample(segments, 2_000).Select(record => record.ItemId).ToList();
        // Removing swaps the last rows (codes included) into the holes; replacing re-codes in place.
        foreach (var id in ids.Where((_, i) => i % 3 == 0))
        {
            Assert.True(segments.Remove(id));
        }

        var target = data.Near(centres[1], 0.01f);
        var replaced = ids[1];
        segments.Upsert(replaced, Guid.NewGuid(), Modality.Text, target);

        var hits = segments.Search(target, 5, SearchFilter.None, 1, CancellationToken.None, quantized: true);
        Assert.Equal(replaced, hits[0].ItemId);
        Assert.Equal(1f, hits[0].Score, 1e-4f);
        Assert.Equal(
            segments.Search(target, 5, SearchFilter.None, 1, CancellationToken.None, quantized: false).Select(hit => hit.ItemId),
            hits.Select(hit => hit.ItemId));
    }

    [Fact]
    public void Segments_kept_without_codes_search_exactly_even_when_asked_to_quantize()
    {
        // Storage:VectorScan=Exact keeps fp32 vectors and no codes; it must not need them.
        var data = new ClusteredVectors(seed: 53, Dimensions);
        var (centres, rows) = data.Generate(count: 3_000, clusters: 10, spread: 0.5f);
        var both = Load(rows, segmentCapacity: 256);
        var exactOnly = Load(rows, segmentCapacity: 256, keepCodes: false);

        for (var q = 0; q < 5; q++)
        {
            var query = data.Near(centres[q], 0.5f);
            var expected = both.Search(query, 10, SearchFilter.None, 2, CancellationToken.None, quantized: false);
            var actual = exactOnly.Search(query, 10, SearchFilter.None, 2, CancellationToken.None, quantized: true);

            Assert.Equal(expected.Select(hit => hit.Score), actual.Select(hit => hit.Score));
        }

        Assert.Throws<ArgumentException>(() => new VectorSegments(keepVectors: false, keepCodes: false));
    }

    private static VectorSegments Load(List<float[]> rows, int segmentCapacity, bool keepCodes = true)
    {
        var segments = new VectorSegments(segmentCapacity, keepCodes: keepCodes);
        var document = Guid.NewGuid();
        foreach (var row in rows)
        {
            segments.Upsert(Guid.NewGuid(), document, Modality.Image, row);
        }

        return segments;
    }
}
