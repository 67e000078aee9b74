using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Vectors;
using RagPlatform.Vectors.PgVector;

namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>The vector index scenarios and pgvector's own promises, on one server
/// (<see cref="PgVectorServerFixture"/>); every test works in a schema of its own.</summary>
public abstract class PgVectorIndexTests : VectorIndexScenarios
{
    /// <summary>The scenarios compare with an exact scan: at their sizes (≤ 3,000 vectors) a candidate
    /// list of 1,000 makes the HNSW answer exact. The pgvector tests below use the default.</summary>
    private const int ExactEnoughEfSearch = PgVectorSearchPlan.MaxEfSearch;

    private readonly PgVectorServerFixture _server;

    private const string HnswScan = $"Index Scan using {PgVectorTable.Clip}_embedding_idx";

    private static readonly SearchFilter OnlyPages = new(new HashSet<Modality> { Modality.Page }, new HashSet<Guid>());

    private readonly string _schema;
    private readonly PgVectorSchemaProbe _probe;

    protected PgVectorIndexTests(PgVectorServerFixture server)
    {
        _server = server;
        _schema = _server.NewSchema();
        _probe = new PgVectorSchemaProbe(server, _schema);
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_tables_have_an_hnsw_cosine_index_and_btree_indexes_on_document_and_collection()
    {
        var index = Open(new PgVectorOptions());
        await index.UpsertAsync(new RandomVectors(seed: 1, dimensions: 8).Records(10, [Guid.NewGuid()]), Token);

        var definitions = await _probe.IndexDefinitionsAsync(PgVectorTable.Clip);

        Assert.Contains(definitions, d => d.Contains("USING hnsw (embedding vector_cosine_ops)", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("USING btree (document_id)", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("USING btree (collection)", StringComparison.Ordinal));
        Assert.Contains(definitions, d => d.Contains("UNIQUE INDEX", StringComparison.Ordinal) && d.Contains("(item_id)", StringComparison.Ordinal));
        Assert.Empty(await _probe.IndexDefinitionsAsync(PgVectorTable.Text)); // created with its first vector
    }

    [Fact]
    public async Task An_unfiltered_search_walks_the_hnsw_index()
    {
        // pgvector's cost model takes a sequential scan while the table is small next to
        // ef_search (here, below about 5,000 rows at ef_search 100): 4,000 rows at pgvector's
        // default of 40, with fresh statistics (PGlite has no autovacuum to gather them).
        var index = Open(new PgVectorOptions());
        var random = new RandomVectors(seed: 2, dimensions: 16);
        await index.UpsertAsync(random.Records(4000, [.. Enumerable.Range(0, 20).Select(_ => Guid.NewGuid())]), Token);
        await _probe.ExecuteAsync($"ANALYZE \"{_schema}\".{PgVectorTable.Clip}");

        var plan = await _probe.ExplainAsync(random.Next(), 10, SearchFilter.None, efSearch: 40, forceIndex: false);

        Assert.True(plan.Contains(HnswScan, StringComparison.Ordinal), plan);
    }

    [Fact]
    public async Task A_filtered_search_returns_k_hits_when_k_exist_though_most_candidates_are_filtered_out()
    {
        // A small candidate list and rare matches: the first candidates hold few of them, so only
        // an iterative (or exact) scan finds k.
        var index = Open(new PgVectorOptions { EfSearch = 10 });
        var random = new RandomVectors(seed: 3, dimensions: 16);
        var records = RareRecords(random, 2000);
        await index.UpsertAsync(records, Token);
        var rareItems = records.Where(r => r.Collection == "rare").Select(r => r.ItemId).ToHashSet();

        var pageHits = await index.SearchAsync(random.Next(), 40, OnlyPages, Token);
        var rareHits = await index.SearchAsync(random.Next(), 60, SearchFilter.In("rare"), Token);

        Assert.Equal(40, pageHits.Count);
        Assert.All(pageHits, hit => Assert.Equal(Modality.Page, hit.Modality));
        Assert.True(pageHits.Zip(pageHits.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score), "hits are best first");
        Assert.Equal(60, rareHits.Count);
        Assert.All(rareHits, hit => Assert.Contains(hit.ItemId, rareItems));
    }

    [Fact]
    public async Task A_filtered_hnsw_scan_goes_on_until_it_has_k_hits()
    {
        // The planner is made to take the HNSW index (as it does on large tables): with
        // ef_search 10 and one row in 40 passing the filter, a single pass would find about none.
        var index = Open(new PgVectorOptions());
        var random = new RandomVectors(seed: 6, dimensions: 16);
        await index.UpsertAsync(RareRecords(random, 2000), Token);
        var database = await _probe.ReadyDatabaseAsync();
        Assert.SkipUnless(database.HasIterativeScan, "This server's pgvector predates 0.8 (no iterative scans): filtered searches scan exactly there.");
        var query = random.Next();

        var plan = await _probe.ExplainAsync(query, 40, OnlyPages, efSearch: 10, forceIndex: true);
        var rows = await _probe.RunSearchAsync(query, 40, OnlyPages, efSearch: 10, forceIndex: true, explain: false);

        Assert.True(plan.Contains(HnswScan, StringComparison.Ordinal), plan);
        Assert.Equal(40, rows.Count);
        Assert.All(rows, row => Assert.Equal(nameof(Modality.Page), row[2]));
    }

    [Fact]
    public async Task Without_iterative_scans_a_filtered_search_scans_exactly()
    {
        // What a server with pgvector before 0.8 runs: the same statement without the index.
        var index = Open(new PgVectorOptions());
        var random = new RandomVectors(seed: 7, dimensions: 16);
        var records = RareRecords(random, 2000);
        await index.UpsertAsync(records, Token);
        var query = random.Next();

        var plan = await _probe.ExplainAsync(query, 40, OnlyPages, efSearch: 10, forceIndex: false, iterativeScan: false);
        var rows = await _probe.RunSearchAsync(query, 40, OnlyPages, efSearch: 10, forceIndex: false, explain: false, iterativeScan: false);

        Assert.DoesNotContain("embedding_idx", plan, StringComparison.Ordinal);
        Assert.Equal(RandomVectors.BruteForce(records, query, 40, OnlyPages).Select(hit => hit.ItemId), rows.Select(row => (Guid)row[0]));
    }

    /// <summary>Not among the shared scenarios: the embedded index reads collections from the
    /// documents table, not from the records.</summary>
    [Fact]
    public async Task A_collection_filter_equals_a_brute_force_scan_of_that_collection()
    {
        var index = OpenIndex();
        var random = new RandomVectors(seed: 19, dimensions: 16);
        var documents = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();
        var records = random.Records(600, documents)
            .Select(record => record with { Collection = documents.IndexOf(record.DocumentId) < 2 ? "manuals" : "reports" }).ToList();
        await index.UpsertAsync(records, Token);
        var query = random.Next();

        var hits = await index.SearchAsync(query, 15, SearchFilter.In("manuals"), Token);

        var expected = RandomVectors.BruteForce(records.Where(record => record.Collection == "manuals"), query, 15, SearchFilter.None);
        Assert.Equal(expected.Select(hit => hit.ItemId), hits.Select(hit => hit.ItemId));
        Assert.Empty(await index.SearchAsync(query, 15, SearchFilter.In("nowhere"), Token));
    }

    [Fact]
    public async Task Reopening_over_new_connections_keeps_vectors_index_and_length()
    {
        var random = new RandomVectors(seed: 4, dimensions: 24);
        var records = random.Records(1500, [Guid.NewGuid(), Guid.NewGuid()]);
        await Open(new PgVectorOptions()).UpsertAsync(records, Token);
        var query = random.Next();
        var before = await Open(new PgVectorOptions()).SearchAsync(query, 10, SearchFilter.None, Token);

        _server.CloseConnections();
        var reopened = Open(new PgVectorOptions());

        Assert.Equal(records.Count, await reopened.CountAsync(Token));
        Assert.Equal(before, await reopened.SearchAsync(query, 10, SearchFilter.None, Token));
        Assert.Contains(await _probe.IndexDefinitionsAsync(PgVectorTable.Clip), d => d.Contains("USING hnsw", StringComparison.Ordinal));
        var wrongLength = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            reopened.UpsertAsync([new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 1, 0 })], Token));
        Assert.Contains("24-dimensional", wrongLength.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_emptied_table_takes_vectors_of_a_new_length()
    {
        var index = Open(new PgVectorOptions());
        var document = Guid.NewGuid();
        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), document, Modality.Text, new float[] { 1, 0 })], Token);
        await index.DeleteDocumentAsync(document, Token);

        Assert.Empty(await index.SearchAsync(new float[] { 0, 0, 1 }, 5, SearchFilter.None, Token));
        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), document, Modality.Text, new float[] { 0, 0, 1 })], Token);

        Assert.Single(await Open(new PgVectorOptions()).SearchAsync(new float[] { 0, 0, 1 }, 5, SearchFilter.None, Token));
    }

    [Fact]
    public async Task A_sample_carries_each_records_collection()
    {
        var index = Open(new PgVectorOptions());
        var records = new RandomVectors(seed: 5, dimensions: 4).Records(20, [Guid.NewGuid()])
            .Select((r, i) => r with { Collection = i % 2 == 0 ? "even" : null }).ToList();
        await index.UpsertAsync(records, Token);

        var sample = await index.SampleAsync(100, Token);

        var collections = records.ToDictionary(r => r.ItemId, r => r.Collection);
        Assert.Equal(20, sample.Count);
        Assert.All(sample, r => Assert.Equal(collections[r.ItemId], r.Collection));
        Assert.Equal(sample.Select(r => r.ItemId), (await index.SampleAsync(100, Token)).Select(r => r.ItemId));
    }

    [Fact]
    public async Task The_registration_serves_each_port_from_its_own_table()
    {
        Assert.SkipWhen(_server.SkipReason is not null, _server.SkipReason ?? "");
        _server.CloseConnections(); // the provider opens its own pool, and PGlite takes one client
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(
        [
            new KeyValuePair<string, string?>("Postgres:ConnectionString", _server.ConnectionString),
            new KeyValuePair<string, string?>("PgVector:Schema", _schema),
        ]).Build());
        services.AddPgVectorVectors();
        await using var provider = services.BuildServiceProvider();
        var clip = provider.GetRequiredService<IVectorIndex>();
        var text = provider.GetRequiredService<ITextVectorIndex>();
        var image = new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Image, new float[] { 0, 1 });
        var passage = new VectorRecord(Guid.NewGuid(), Guid.NewGuid(), Modality.Text, new float[] { 0, 0, 1 });

        await clip.UpsertAsync([image], Token);
        await text.UpsertAsync([passage], Token);

        Assert.Same(clip, provider.GetRequiredService<IVectorIndex>());
        Assert.Equal(image.ItemId, Assert.Single(await clip.SearchAsync(new float[] { 0, 1 }, 5, SearchFilter.None, Token)).ItemId);
        Assert.Equal(passage.ItemId, Assert.Single(await text.SearchAsync(new float[] { 0, 0, 1 }, 5, SearchFilter.None, Token)).ItemId);
        Assert.NotEmpty(await _probe.IndexDefinitionsAsync(PgVectorTable.Text));
    }

    protected override IVectorIndex OpenIndex() => Open(new PgVectorOptions { EfSearch = ExactEnoughEfSearch });

    /// <summary>A new index instance over this test's schema (as another process would open it).</summary>
    private PgVectorIndex Open(PgVectorOptions options, string table = PgVectorTable.Clip)
    {
        Assert.SkipWhen(_server.SkipReason is not null, _server.SkipReason ?? "");
        options.Schema = _schema;
        options.ConnectionString = _server.ConnectionString;
        var database = new PgVectorDatabase(_server.DataSource, _schema, NullLogger.Instance);
        return new PgVectorIndex(database, table, Options.Create(options), NullLogger<PgVectorIndex>.Instance);
    }

    /// <summary>One row in 40 is a page, one in 25 in the collection "rare".</summary>
    private static List<VectorRecord> RareRecords(RandomVectors random, int count) =>
        [.. random.Records(count, [.. Enumerable.Range(0, 20).Select(_ => Guid.NewGuid())])
            .Select((r, i) => r with { Modality = i % 40 == 0 ? Modality.Page : Modality.Text, Collection = i % 25 == 0 ? "rare" : "common" })];
}
