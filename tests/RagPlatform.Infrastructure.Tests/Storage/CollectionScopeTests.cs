using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>Collections in the embedded stores: the content key is unique per collection, and both
/// retrievers apply a collection filter before they take their top k (a collection with worse matches
/// still fills the limit, whatever better matches another collection holds).</summary>
public sealed class CollectionScopeTests : IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _storage.Dispose();
    }

    [Fact]
    public async Task The_same_bytes_are_two_documents_in_two_collections_and_one_in_one_collection()
    {
        var sha256 = new string('f', 64);
        var inA = await Task.WhenAll(Enumerable.Range(0, 8).Select(n =>
            Task.Run(() => Store().AddAsync(Samples.Document($"a-{n}.pdf", sha256: sha256, collection: "a"), Token))));
        var inB = await Store().AddAsync(Samples.Document("b.pdf", sha256: sha256, collection: "b"), Token);

        var winner = Assert.Single(inA.Select(d => d.Id).Distinct());
        Assert.NotEqual(winner, inB.Id);
        Assert.Equal(winner, (await Store().FindBySha256Async("a", sha256, Token))?.Id);
        Assert.Equal(inB.Id, (await Store().FindBySha256Async("b", sha256, Token))?.Id);
        Assert.Null(await Store().FindBySha256Async(CollectionName.Default, sha256, Token));
    }

    [Fact]
    public async Task Listing_and_counting_keep_to_the_collection_asked_for()
    {
        var store = Store();
        var a = Samples.Document("a.pdf", collection: "a");
        var b1 = Samples.Document("b1.pdf", status: DocumentStatus.Ready, collection: "b");
        var b2 = Samples.Document("b2.pdf", collection: "b", minutesAfterEpoch: 1);
        foreach (var document in new[] { a, b1, b2 })
        {
            await store.AddAsync(document, Token);
        }

        await store.SavePageAsync(Samples.Page(a.Id, 1), [Samples.TextItem(a.Id, 1, 0, "only in a")], Token);

        Assert.Equal([b2, b1], await store.ListAsync("b", 0, 10, Token));
        Assert.Equal([a], await store.ListAsync("a", 0, 10, Token));
        Assert.Equal(3, (await store.ListAsync(null, 0, 10, Token)).Count);
        Assert.Equal(new[] { b1.Id, b2.Id }.Order(), (await store.ListIdsAsync("b", Token)).Order());
        Assert.Equal([new CollectionSummary("a", 1), new CollectionSummary("b", 2)], await store.ListCollectionsAsync(Token));
        var countsOfB = await store.CountAsync("b", Token);
        Assert.Equal(1, countsOfB.DocumentsByStatus[DocumentStatus.Ready]);
        Assert.Equal(0, countsOfB.ItemsByModality[Modality.Text]);
        Assert.Equal(1, (await store.CountAsync("a", Token)).ItemsByModality[Modality.Text]);
    }

    [Fact]
    public async Task Lexical_search_fills_its_limit_from_the_collection_before_taking_the_top()
    {
        var (inA, inB) = await TwoCollectionsAsync();
        var lexical = new SqliteLexicalIndex(_storage.OpenDatabase());
        // b's entries repeat the word and rank above a's everywhere.
        await lexical.IndexAsync([.. inB.Select(id => new LexicalEntry(Guid.NewGuid(), id, Modality.Text, "harbour harbour harbour fees"))], Token);
        await lexical.IndexAsync([.. inA.Select(id => new LexicalEntry(Guid.NewGuid(), id, Modality.Text, "the harbour office and its long list of other things"))], Token);

        var hits = await lexical.SearchAsync("harbour", 2, SearchFilter.In("a"), Token);

        Assert.Equal(2, hits.Count);
        Assert.All(hits, hit => Assert.Contains(hit.DocumentId, inA));
        Assert.Empty(await lexical.SearchAsync("harbour", 5, SearchFilter.In("c"), Token));
        Assert.Equal(5, (await lexical.SearchAsync("harbour", 5, SearchFilter.None, Token)).Count);
    }

    [Fact]
    public async Task Vector_search_fills_its_limit_from_the_collection_before_taking_the_top_also_after_a_reload()
    {
        var (inA, inB) = await TwoCollectionsAsync();
        var writer = Index();
        var searcher = Index();
        await searcher.CountAsync(Token); // loaded before the writes: it catches up incrementally
        await writer.UpsertAsync([.. inB.Select(id => new VectorRecord(Guid.NewGuid(), id, Modality.Image, Vector(1, 0)))], Token);
        await writer.UpsertAsync([.. inA.Select(id => new VectorRecord(Guid.NewGuid(), id, Modality.Image, Vector(0.6f, 0.8f)))], Token);
        var onlyDocumentOfA = new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { inA[0] }, "a");
        var documentOfBInA = new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { inB[0] }, "a");

        foreach (var index in new[] { searcher, Index() })
        {
            var query = new float[] { 1, 0 };
            var hits = await index.SearchAsync(query, 2, SearchFilter.In("a"), Token);
            Assert.Equal(2, hits.Count);
            Assert.All(hits, hit => Assert.Contains(hit.DocumentId, inA));
            Assert.Equal(inA[0], Assert.Single(await index.SearchAsync(query, 5, onlyDocumentOfA, Token)).DocumentId);
            Assert.Empty(await index.SearchAsync(query, 5, documentOfBInA, Token));
            Assert.Empty(await index.SearchAsync(query, 5, SearchFilter.In("c"), Token));
            Assert.Equal(5, (await index.SearchAsync(query, 5, SearchFilter.None, Token)).Count);
        }
    }

    /// <summary>Two documents in "a", three in "b".</summary>
    private async Task<(List<Guid> InA, List<Guid> InB)> TwoCollectionsAsync()
    {
        var inA = new List<Guid>();
        var inB = new List<Guid>();
        for (var n = 0; n < 5; n++)
        {
            var collection = n < 2 ? "a" : "b";
            var document = await Store().AddAsync(Samples.Document($"{collection}{n}.pdf", collection: collection), Token);
            (n < 2 ? inA : inB).Add(document.Id);
        }

        return (inA, inB);
    }

    private static float[] Vector(params float[] values) => values;

    private SqliteDocumentStore Store() => new(_storage.OpenDatabase());

    private EmbeddedVectorIndex Index() => _storage.OpenVectorIndex();
}
