using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The in-memory store with tiny segments, so that growth, swap-remove across segments,
/// segment release and the parallel merge are all exercised by a few hundred vectors.</summary>
public sealed class VectorSegmentsTests
{
    private const float Tolerance = 1e-5f;

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Random_upserts_and_removals_keep_search_exact(int threads)
    {
        var random = new RandomVectors(seed: 23, dimensions: 12);
        var picker = new Random(29);
        var documents = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var segments = new VectorSegments(segmentCapacity: 8);
        var reference = new Dictionary<Guid, VectorRecord>();

        for (var step = 0; step < 2000; step++)
        {
            var action = picker.Next(10);
            if (action < 5 || reference.Count == 0)
            {
                var record = random.Records(1, documents)[0];
                Upsert(record);
            }
            else if (action < 7)
            {
                var existing = reference.Values.ElementAt(picker.Next(reference.Count));
                Upsert(existing with { Vector = random.Next(), DocumentId = documents[picker.Next(documents.Count)] });
            }
            else
            {
                var victim = reference.Keys.ElementAt(picker.Next(reference.Count));
                Assert.True(segments.Remove(victim));
                reference.Remove(victim);
            }

            if (step % 97 == 0)
            {
                AssertMatchesReference();
            }
        }

        AssertMatchesReference();
        foreach (var itemId in reference.Keys.ToList())
        {
            Assert.True(segments.Remove(itemId));
        }

        Assert.Equal(0, segments.Count);
        Assert.False(segments.Remove(Guid.NewGuid()));

        void Upsert(VectorRecord record)
        {
            segments.Upsert(record.ItemId, record.DocumentId, record.Modality, record.Vector.Span);
            reference[record.ItemId] = record;
        }

        void AssertMatchesReference()
        {
            Assert.Equal(reference.Count, segments.Count);
            var query = random.Next();
            var filter = new SearchFilter(new HashSet<Modality> { Modality.Text, Modality.Image }, new HashSet<Guid> { documents[0], documents[1], documents[2] });
            foreach (var (limit, f) in new[] { (7, SearchFilter.None), (reference.Count + 5, SearchFilter.None), (5, filter) })
            {
                var expected = RandomVectors.BruteForce(reference.Values, query, limit, f);
                var actual = segments.Search(query, limit, f, threads, CancellationToken.None);
                Assert.Equal(expected.Select(hit => hit.ItemId), actual.Select(hit => hit.ItemId));
                Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Score, pair.Second.Score, Tolerance));
                Assert.All(actual, hit => Assert.Equal(reference[hit.ItemId].DocumentId, hit.DocumentId));
                Assert.All(actual, hit => Assert.Equal(reference[hit.ItemId].Modality, hit.Modality));
            }
        }
    }

    [Fact]
    public void Top_k_heap_keeps_the_best_scores_in_order()
    {
        var heap = new TopKHeap(3);
        float[] scores = [0.1f, 0.9f, -0.5f, 0.7f, 0.3f, 0.95f, 0.2f];
        for (var i = 0; i < scores.Length; i++)
        {
            heap.Offer(scores[i], i);
        }

        Assert.Equal([(0.95f, 5), (0.9f, 1), (0.7f, 3)], heap.ToSortedArray());
    }
}
