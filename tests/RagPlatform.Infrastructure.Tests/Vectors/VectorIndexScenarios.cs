using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>What every <see cref="IVectorIndex"/> must do. Vectors are seeded random unit vectors;
/// results are compared with a brute-force scan.</summary>
public abstract class VectorIndexScenarios
{
    private const float Tolerance = 1e-5f;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>An index over this test's own, initially empty data; each call opens a new instance
    /// over the same data (another process, or a restart).</summary>
    protected abstract IVectorIndex OpenIndex();

    /// <summary>A new document of <paramref name="collection"/>. Records name their collection
    /// themselves (<see cref="VectorRecord.Collection"/>), which is all an engine that stores it
    /// beside the vector needs; an index that reads it from the metadata database instead needs the
    /// document's row there.</summary>
    protected virtual Task<Guid> NewDocumentAsync(string collection) => Task.FromResult(Guid.NewGuid());

    [Fact]
    public async Task Top_k_equals_a_brute_force_scan_after_upserts_replacements_and_deletes()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 7, dimensions: 48);
        var documents = Enumerable.Range(0, 30).Select(_ => Guid.NewGuid()).ToList();
        var records = random.Records(3000, documents);
        foreach (var batch in records.Chunk(500))
        {
            await index.UpsertAsync(batch, Token);
        }

        var replaced = records.Take(200).Select(record => record with { Vector = random.Next() }).ToList();
        await index.UpsertAsync(replaced, Token);
        await index.DeleteDocumentAsync(documents[0], Token);
        await index.DeleteDocumentAsync(documents[1], Token);
        var expected = replaced.Concat(records.Skip(200))
            .Where(record => record.DocumentId != documents[0] && record.DocumentId != documents[1]).ToList();

        Assert.Equal(expected.Count, await index.CountAsync(Token));
        for (var q = 0; q < 25; q++)
        {
            var query = random.Next();
            AssertSameRanking(RandomVectors.BruteForce(expected, query, 10, SearchFilter.None), await index.SearchAsync(query, 10, SearchFilter.None, Token));
        }
    }

    [Fact]
    public async Task Filters_by_modality_and_document_equal_a_filtered_brute_force_scan()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 11, dimensions: 32);
        var documents = Enumerable.Range(0, 10).Select(_ => Guid.NewGuid()).ToList();
        var records = random.Records(1500, documents);
        await index.UpsertAsync(records, Token);
        SearchFilter[] filters =
        [
            new(new HashSet<Modality> { Modality.Image }, new HashSet<Guid>()),
            new(new HashSet<Modality>(), new HashSet<Guid> { documents[3], documents[5] }),
            new(new HashSet<Modality> { Modality.Text, Modality.Page }, new HashSet<Guid> { documents[2] }),
        ];

        foreach (var filter in filters)
        {
            var query = random.Next();
            var hits = await index.SearchAsync(query, 20, filter, Token);
            Assert.All(hits, hit => Assert.True(filter.Allows(hit.Modality, hit.DocumentId)));
            AssertSameRanking(RandomVectors.BruteForce(records, query, 20, filter), hits);
        }

        var unknownDocument = new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { Guid.NewGuid() });
        Assert.Empty(await index.SearchAsync(random.Next(), 20, unknownDocument, Token));
    }

    [Fact]
    public async Task A_collection_filter_fills_the_limit_from_that_collection_before_taking_the_top()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 19, dimensions: 16);
        List<Guid> inA = [await NewDocumentAsync("a"), await NewDocumentAsync("a")];
        List<Guid> inB = [await NewDocumentAsync("b"), await NewDocumentAsync("b"), await NewDocumentAsync("b")];
        var query = random.Next();
        // b's items are the query itself: without the filter they take every place of any top k.
        var recordsOfB = Enumerable.Range(0, 30).Select(i => new VectorRecord(Guid.NewGuid(), inB[i % inB.Count], Modality.Image, query) { Collection = "b" }).ToList();
        var recordsOfA = random.Records(40, inA).Select(record => record with { Collection = "a" }).ToList();
        await index.UpsertAsync([.. recordsOfB, .. recordsOfA], Token);
        var textOfFirstInA = new SearchFilter(new HashSet<Modality> { Modality.Text }, new HashSet<Guid> { inA[0] }, "a");
        var documentOfBInA = new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { inB[0] }, "a");

        AssertSameRanking(RandomVectors.BruteForce(recordsOfA, query, 10, SearchFilter.None), await index.SearchAsync(query, 10, SearchFilter.In("a"), Token));
        AssertSameRanking(
            RandomVectors.BruteForce(recordsOfA, query, 10, textOfFirstInA with { Collection = null }),
            await index.SearchAsync(query, 10, textOfFirstInA, Token));
        Assert.Empty(await index.SearchAsync(query, 10, documentOfBInA, Token));
        Assert.Empty(await index.SearchAsync(query, 10, SearchFilter.In("c"), Token));
        Assert.All(await index.SearchAsync(query, 10, SearchFilter.None, Token), hit => Assert.Contains(hit.DocumentId, inB));
    }

    [Fact]
    public async Task Hits_carry_item_document_modality_and_the_cosine_as_score()
    {
        var index = OpenIndex();
        var document = Guid.NewGuid();
        var x = new VectorRecord(Guid.NewGuid(), document, Modality.Image, new float[] { 1, 0, 0, 0 });
        var y = new VectorRecord(Guid.NewGuid(), document, Modality.Text, new float[] { 0, 1, 0, 0 });
        var z = new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Page, new float[] { 0, 0, -1, 0 });
        await index.UpsertAsync([x, y, z], Token);

        var hits = await index.SearchAsync(new float[] { 0.6f, 0.8f, 0, 0 }, 10, SearchFilter.None, Token);

        Assert.Equal([y.ItemId, x.ItemId, z.ItemId], hits.Select(hit => hit.ItemId));
        Assert.Equal((document, Modality.Text), (hits[0].DocumentId, hits[0].Modality));
        Assert.Equal((document, Modality.Image), (hits[1].DocumentId, hits[1].Modality));
        Assert.Equal(0.8f, hits[0].Score, Tolerance);
        Assert.Equal(0.6f, hits[1].Score, Tolerance);
        Assert.Equal(0f, hits[2].Score, Tolerance);
    }

    [Fact]
    public async Task The_limit_caps_the_hits_and_a_larger_one_returns_all()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 3, dimensions: 16);
        var records = random.Records(40, [Guid.NewGuid()]);
        await index.UpsertAsync(records, Token);
        var query = random.Next();

        Assert.Equal(5, (await index.SearchAsync(query, 5, SearchFilter.None, Token)).Count);
        AssertSameRanking(RandomVectors.BruteForce(records, query, 40, SearchFilter.None), await index.SearchAsync(query, 1000, SearchFilter.None, Token));
        Assert.Empty(await index.SearchAsync(query, 0, SearchFilter.None, Token));
    }

    [Fact]
    public async Task A_sample_holds_stored_vectors_evenly_and_all_of_them_when_fewer_are_stored()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 17, dimensions: 12);
        var documents = new[] { Guid.NewGuid(), Guid.NewGuid() };
        var records = random.Records(100, documents);
        await index.UpsertAsync(records, Token);
        var stored = records.ToDictionary(r => r.ItemId);

        var sample = await index.SampleAsync(10, Token);
        var all = await index.SampleAsync(1000, Token);

        Assert.Equal(10, sample.Count);
        Assert.Equal(10, sample.Select(r => r.ItemId).Distinct().Count());
        Assert.All(sample, r =>
        {
            var original = stored[r.ItemId];
            Assert.Equal(original.DocumentId, r.DocumentId);
            Assert.Equal(original.Modality, r.Modality);
            Assert.Equal(original.Vector.ToArray(), r.Vector.ToArray());
        });
        Assert.Equal(stored.Keys.Order(), all.Select(r => r.ItemId).Order());
        Assert.Empty(await OpenIndex().SampleAsync(0, Token));
    }

    [Fact]
    public async Task Counts_and_samples_of_a_collection_hold_its_documents_vectors_alone_after_inserts_and_deletes()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 23, dimensions: 8);
        List<Guid> inA = [await NewDocumentAsync("a"), await NewDocumentAsync("a")];
        var inB = await NewDocumentAsync("b");
        var recordsOfA = random.Records(30, inA).Select(record => record with { Collection = "a" }).ToList();
        await index.UpsertAsync([.. recordsOfA, .. random.Records(12, [inB]).Select(record => record with { Collection = "b" })], Token);
        await index.DeleteDocumentAsync(inA[0], Token);
        var leftInA = recordsOfA.Where(record => record.DocumentId == inA[1]).ToList();

        Assert.Equal((leftInA.Count, 12L, 0L), (await index.CountAsync("a", Token), await index.CountAsync("b", Token), await index.CountAsync("c", Token)));
        Assert.Equal(leftInA.Count + 12, await index.CountAsync(Token));
        Assert.Equal(12, await OpenIndex().CountAsync("b", Token));
        var sample = await index.SampleAsync(5, "a", Token);
        Assert.Equal(5, sample.Select(record => record.ItemId).Distinct().Count());
        Assert.All(sample, record => Assert.Equal(inA[1], record.DocumentId));
        Assert.Equal(leftInA.Select(record => record.ItemId).Order(), (await index.SampleAsync(1000, "a", Token)).Select(record => record.ItemId).Order());
        Assert.Empty(await index.SampleAsync(10, "c", Token));
    }

    [Fact]
    public async Task Upserting_an_item_again_replaces_its_vector()
    {
        var index = OpenIndex();
        var item = new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0, 0 });
        await index.UpsertAsync([item, new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 0, 0, 1 })], Token);

        await index.UpsertAsync([item with { Vector = new float[] { 0, 1, 0 }, Modality = Modality.Page }], Token);

        Assert.Equal(2, await index.CountAsync(Token));
        var hit = (await index.SearchAsync(new float[] { 0, 1, 0 }, 1, SearchFilter.None, Token))[0];
        Assert.Equal((item.ItemId, Modality.Page, 1f), (hit.ItemId, hit.Modality, hit.Score));
    }

    [Fact]
    public async Task Deleting_a_document_removes_all_its_vectors_and_nothing_else()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 5, dimensions: 8);
        var doomed = Guid.NewGuid();
        var kept = Guid.NewGuid();
        await index.UpsertAsync([.. random.Records(50, [doomed]), .. random.Records(20, [kept])], Token);

        await index.DeleteDocumentAsync(doomed, Token);
        await index.DeleteDocumentAsync(Guid.NewGuid(), Token);

        Assert.Equal(20, await index.CountAsync(Token));
        Assert.All(await index.SearchAsync(random.Next(), 100, SearchFilter.None, Token), hit => Assert.Equal(kept, hit.DocumentId));
        Assert.Equal(20, await OpenIndex().CountAsync(Token));
    }

    [Fact]
    public async Task Vectors_survive_a_restart()
    {
        var random = new RandomVectors(seed: 13, dimensions: 24);
        var documents = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();
        var records = random.Records(600, documents);
        var before = OpenIndex();
        await before.UpsertAsync(records, Token);
        await before.DeleteDocumentAsync(documents[4], Token);
        var queries = Enumerable.Range(0, 5).Select(_ => random.Next()).ToList();
        var expected = new List<IReadOnlyList<VectorHit>>();
        foreach (var query in queries)
        {
            expected.Add(await before.SearchAsync(query, 15, SearchFilter.None, Token));
        }

        var after = OpenIndex();

        Assert.Equal(records.Count(record => record.DocumentId != documents[4]), await after.CountAsync(Token));
        for (var q = 0; q < queries.Count; q++)
        {
            Assert.Equal(expected[q], await after.SearchAsync(queries[q], 15, SearchFilter.None, Token));
        }
    }

    [Fact]
    public async Task Vectors_of_another_length_are_rejected_with_a_clear_error()
    {
        var index = OpenIndex();
        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0, 0, 0 })], Token);

        var upsert = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            index.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0, 0 })], Token));
        var search = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            index.SearchAsync(new float[] { 1, 0 }, 5, SearchFilter.None, Token));

        Assert.Contains("dimensions", upsert.Message, StringComparison.Ordinal);
        Assert.Contains("dimensions", search.Message, StringComparison.Ordinal);
        Assert.Equal(1, await index.CountAsync(Token));
    }

    [Fact]
    public async Task An_empty_index_finds_nothing()
    {
        var index = OpenIndex();

        Assert.Empty(await index.SearchAsync(new float[] { 1, 0, 0 }, 10, SearchFilter.None, Token));
        Assert.Equal(0, await index.CountAsync(Token));
    }

    private static void AssertSameRanking(List<(Guid ItemId, double Score)> expected, IReadOnlyList<VectorHit> actual)
    {
        Assert.Equal(expected.Select(hit => hit.ItemId), actual.Select(hit => hit.ItemId));
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Score, actual[i].Score, Tolerance);
        }
    }
}
