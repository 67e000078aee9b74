using Microsoft.Extensions.Logging.Abstractions;
using Qdrant.Client.Grpc;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Vectors;
using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Infrastructure.Tests.Qdrant;

/// <summary>The vector index scenarios, plus what is particular to Qdrant (alias and versioned
/// collection, payload indexes, filtering inside the search, sampling order), against a server
/// each subclass provides. Every test uses collections of its own (a prefix of its own) and
/// deletes them afterwards, so tests share a server safely.</summary>
public abstract class QdrantVectorIndexScenarios : VectorIndexScenarios, IAsyncDisposable
{
    private readonly List<QdrantConnection> _connections = [];
    private readonly List<IDisposable> _indexes = [];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>This test's collection prefix.</summary>
    protected string Prefix { get; } = "test_" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>Where the server is; a subclass without one skips the test here, with the reason.</summary>
    protected abstract QdrantOptions ServerOptions();

    public virtual async ValueTask DisposeAsync()
    {
        if (_connections.Count > 0)
        {
            var client = _connections[0].Client;
            foreach (var collection in (await client.ListCollectionsAsync(CancellationToken.None)).Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)))
            {
                await client.DeleteCollectionAsync(collection, cancellationToken: CancellationToken.None);
            }
        }

        _indexes.ForEach(index => index.Dispose());
        _connections.ForEach(connection => connection.Dispose());
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task The_first_upsert_creates_a_versioned_cosine_collection_behind_the_alias_with_payload_indexes()
    {
        var index = OpenIndex();
        var client = Connect().Client;

        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 0, 1, 0 }) { Collection = "a" }], Token);

        var alias = Assert.Single(await client.ListAliasesAsync(Token), a => a.AliasName == $"{Prefix}_clip");
        Assert.Equal($"{Prefix}_clip_v1", alias.CollectionName);
        var info = await client.GetCollectionInfoAsync(alias.CollectionName, Token);
        Assert.Equal((3UL, Distance.Cosine), (info.Config.Params.VectorsConfig.Params.Size, info.Config.Params.VectorsConfig.Params.Distance));
        Assert.Equal(PayloadSchemaType.Uuid, info.PayloadSchema["document_id"].DataType);
        Assert.Equal(PayloadSchemaType.Keyword, info.PayloadSchema["modality"].DataType);
        Assert.Equal(PayloadSchemaType.Keyword, info.PayloadSchema["collection"].DataType);
    }

    [Fact]
    public async Task Processes_that_write_first_at_the_same_time_share_one_collection()
    {
        var writers = Enumerable.Range(0, 4).Select(_ => OpenIndex()).ToList();

        await Task.WhenAll(writers.Select(writer =>
            writer.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0 })], Token)));

        Assert.Equal(4, await OpenIndex().CountAsync(Token));
        var client = Connect().Client;
        Assert.Equal([$"{Prefix}_clip_v1"], (await client.ListCollectionsAsync(Token)).Where(name => name.StartsWith(Prefix, StringComparison.Ordinal)));
        Assert.Single(await client.ListAliasesAsync(Token), alias => alias.AliasName.StartsWith(Prefix, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_collection_deleted_by_hand_is_created_again_by_the_next_write_and_reads_as_empty_until_then()
    {
        var index = OpenIndex();
        var record = new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0 });
        var client = Connect().Client;
        await index.UpsertAsync([record], Token);
        await client.DeleteCollectionAsync($"{Prefix}_clip_v1", cancellationToken: Token);

        await index.UpsertAsync([record], Token);

        Assert.Equal(record.ItemId, Assert.Single(await index.SearchAsync(new float[] { 1, 0 }, 5, SearchFilter.None, Token)).ItemId);
        await client.DeleteCollectionAsync($"{Prefix}_clip_v1", cancellationToken: Token);
        Assert.Empty(await index.SearchAsync(new float[] { 1, 0 }, 5, SearchFilter.None, Token));
        Assert.Equal(0, await index.CountAsync(Token));
        Assert.Empty(await index.SampleAsync(5, Token));
    }

    [Fact]
    public async Task The_text_space_has_its_own_collection_and_vector_length()
    {
        var clip = OpenIndex();
        var text = OpenTextIndex();
        var item = Guid.NewGuid();
        var document = Guid.NewGuid();

        await clip.UpsertAsync([new VectorRecord(item, document, Modality.Image, new float[] { 1, 0, 0, 0 })], Token);
        await text.UpsertAsync([new VectorRecord(item, document, Modality.Image, new float[] { 0, 1 })], Token);

        Assert.Equal((1, 1), (await clip.CountAsync(Token), await text.CountAsync(Token)));
        Assert.Equal(1f, Assert.Single(await text.SearchAsync(new float[] { 0, 1 }, 5, SearchFilter.None, Token)).Score, 1e-6f);
        var aliases = await Connect().Client.ListAliasesAsync(Token);
        Assert.Contains(aliases, a => a.AliasName == $"{Prefix}_text" && a.CollectionName == $"{Prefix}_text_v1");
        await text.DeleteDocumentAsync(document, Token);
        Assert.Equal((1, 0), (await clip.CountAsync(Token), await text.CountAsync(Token)));
    }

    [Fact]
    public async Task A_tight_filter_is_applied_inside_the_search_and_still_returns_k_hits()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 23, dimensions: 32);
        var query = random.Next();
        var crowd = Guid.NewGuid();
        var rare = Guid.NewGuid();
        // 2,000 items that all beat the rare document's 8 for this query.
        var near = Enumerable.Range(0, 2000).Select(_ => new VectorRecord(Guid.NewGuid(), crowd, Modality.Text, query)).ToList();
        var far = random.Records(8, [rare]).Select(record => record with { Modality = Modality.Page }).ToList();
        await index.UpsertAsync([.. near, .. far], Token);
        var onlyRare = new SearchFilter(new HashSet<Modality>(), new HashSet<Guid> { rare });

        var hits = await index.SearchAsync(query, 5, onlyRare, Token);

        Assert.Equal(5, hits.Count);
        Assert.All(hits, hit => Assert.Equal((rare, Modality.Page), (hit.DocumentId, hit.Modality)));
        Assert.Equal(8, (await index.SearchAsync(query, 50, onlyRare, Token)).Count);
        Assert.Equal(8, (await index.SearchAsync(query, 50, new SearchFilter(new HashSet<Modality> { Modality.Page }, new HashSet<Guid>()), Token)).Count);
    }

    [Fact]
    public async Task The_sample_takes_evenly_spaced_positions_of_the_id_order_and_repeats_for_the_same_contents()
    {
        var index = OpenIndex();
        // More than one scroll page of ids and more than one retrieve call of vectors.
        var records = new RandomVectors(seed: 29, dimensions: 8).Records(2503, [Guid.NewGuid(), Guid.NewGuid()]);
        await index.UpsertAsync(records.Select(record => record with { Collection = "a" }).ToList(), Token);
        // Qdrant orders UUID point ids by their 128-bit value: the order of their hex text.
        var idOrder = records.Select(record => record.ItemId).OrderBy(id => id.ToString("D"), StringComparer.Ordinal).ToList();

        var sample = await index.SampleAsync(300, Token);

        Assert.Equal(Enumerable.Range(0, 300).Select(i => idOrder[i * idOrder.Count / 300]), sample.Select(record => record.ItemId));
        Assert.All(sample, record => Assert.Equal("a", record.Collection));
        Assert.Equal(sample.Select(record => record.ItemId), (await OpenIndex().SampleAsync(300, Token)).Select(record => record.ItemId));
    }

    [Fact]
    public async Task A_space_with_nothing_stored_yet_counts_samples_and_deletes_nothing()
    {
        var index = OpenIndex();

        Assert.Equal(0, await index.CountAsync(Token));
        Assert.Empty(await index.SampleAsync(10, Token));
        await index.DeleteDocumentAsync(Guid.NewGuid(), Token);
        Assert.DoesNotContain(await Connect().Client.ListAliasesAsync(Token), alias => alias.AliasName.StartsWith(Prefix, StringComparison.Ordinal));
    }

    protected override IVectorIndex OpenIndex() => Track(new QdrantVectorIndex(Connect(), QdrantSpace.Clip(Prefix), NullLogger<QdrantVectorIndex>.Instance));

    protected ITextVectorIndex OpenTextIndex() => Track(new QdrantTextVectorIndex(Connect(), QdrantSpace.Text(Prefix), NullLogger<QdrantVectorIndex>.Instance));

    /// <summary>A connection of its own, as another process (or a restart) would have.</summary>
    protected QdrantConnection Connect()
    {
        var options = ServerOptions();
        options.CollectionPrefix = Prefix;
        var connection = new QdrantConnection(options);
        lock (_connections)
        {
            _connections.Add(connection);
        }

        return connection;
    }

    private T Track<T>(T index)
        where T : IDisposable
    {
        lock (_indexes)
        {
            _indexes.Add(index);
        }

        return index;
    }
}
