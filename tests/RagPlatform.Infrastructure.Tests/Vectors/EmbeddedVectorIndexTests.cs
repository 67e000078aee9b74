using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Vectors;

public class EmbeddedVectorIndexTests : VectorIndexScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>0 lets every search fan out over the cores (when the machine has more than one).</summary>
    protected virtual int ParallelScanThreshold => 32_768;

    protected virtual VectorScanMode VectorScan => VectorScanMode.Quantized;

    public void Dispose()
    {
        _storage.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Writes_by_another_process_become_visible_to_searches_here()
    {
        var api = OpenIndex();
        var worker = OpenIndex();
        var document = Guid.NewGuid();
        Assert.Equal(0, await api.CountAsync(Token));

        var record = new VectorRecord(Guid.NewGuid(), document, Modality.Image, new float[] { 0, 1 });
        await worker.UpsertAsync([record], Token);
        var hit = Assert.Single(await api.SearchAsync(new float[] { 0, 1 }, 5, SearchFilter.None, Token));
        Assert.Equal(record.ItemId, hit.ItemId);

        await worker.DeleteDocumentAsync(document, Token);
        Assert.Empty(await api.SearchAsync(new float[] { 0, 1 }, 5, SearchFilter.None, Token));
    }

    [Fact]
    public async Task Once_emptied_the_index_accepts_vectors_of_a_new_length()
    {
        var index = OpenIndex();
        var document = Guid.NewGuid();
        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), document, Modality.Text, new float[] { 1, 0 })], Token);
        await index.DeleteDocumentAsync(document, Token);

        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), document, Modality.Text, new float[] { 0, 0, 1 })], Token);

        Assert.Single(await OpenIndex().SearchAsync(new float[] { 0, 0, 1 }, 5, SearchFilter.None, Token));
    }

    [Fact]
    public async Task Searches_run_concurrently_with_writes()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 17, dimensions: 32);
        var documents = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();
        await index.UpsertAsync(random.Records(500, documents), Token);
        var batches = Enumerable.Range(0, 10).Select(_ => random.Records(100, documents)).ToList();
        var queries = Enumerable.Range(0, 4).Select(_ => random.Next()).ToList();
        using var writing = new CancellationTokenSource();

        var searchers = queries.Select(query => Task.Run(async () =>
        {
            var searches = 0;
            while (!writing.IsCancellationRequested || searches == 0)
            {
                var hits = await index.SearchAsync(query, 10, SearchFilter.None, Token);
                Assert.Equal(10, hits.Count);
                Assert.True(hits.Zip(hits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
                searches++;
                // SQLite calls complete synchronously; yield so the writer gets a thread too.
                await Task.Yield();
            }

            return searches;
        }, Token)).ToList();
        foreach (var batch in batches)
        {
            await index.UpsertAsync(batch, Token);
        }

        await index.DeleteDocumentAsync(documents[0], Token);
        await writing.CancelAsync();
        await Task.WhenAll(searchers);

        var expected = await OpenIndex().CountAsync(Token);
        Assert.Equal(expected, await index.CountAsync(Token));
    }

    [Fact]
    public async Task A_non_finite_vector_is_rejected()
    {
        var index = OpenIndex();

        await Assert.ThrowsAsync<ArgumentException>(() =>
            index.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new[] { 1f, float.NaN })], Token));
        await Assert.ThrowsAsync<ArgumentException>(() =>
            index.SearchAsync(new[] { float.PositiveInfinity, 0f }, 3, SearchFilter.None, Token));
    }

    /// <summary>The embedded index reads a vector's collection from its document's row.</summary>
    protected override async Task<Guid> NewDocumentAsync(string collection) =>
        (await new SqliteDocumentStore(_storage.OpenDatabase()).AddAsync(Samples.Document(collection: collection), Token)).Id;

    protected override IVectorIndex OpenIndex() => _storage.OpenVectorIndex(parallelScanThreshold: ParallelScanThreshold, vectorScan: VectorScan);
}
