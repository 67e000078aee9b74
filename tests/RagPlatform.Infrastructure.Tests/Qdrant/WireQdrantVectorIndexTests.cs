using Qdrant.Client.Grpc;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.QdrantWire;
using RagPlatform.Vectors.Qdrant;

namespace RagPlatform.Infrastructure.Tests.Qdrant;

/// <summary>The Qdrant adapter through the real client against the in-process wire server, one
/// server per test.</summary>
public sealed class WireQdrantVectorIndexTests : QdrantVectorIndexScenarios, IAsyncLifetime
{
    private QdrantWireServer? _server;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private QdrantWireServer Server => _server ?? throw new InvalidOperationException("The server starts in InitializeAsync.");

    public async ValueTask InitializeAsync() => _server = await QdrantWireServer.StartAsync(cancellationToken: Token);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_search_sends_its_filter_and_limit_inside_the_query()
    {
        var index = OpenIndex();
        var document = Guid.NewGuid();
        await index.UpsertAsync([new VectorRecord(Guid.NewGuid(), document, Modality.Text, new float[] { 1, 0 }) { Collection = "a" }], Token);
        var filter = new SearchFilter(new HashSet<Modality> { Modality.Text, Modality.Page }, new HashSet<Guid> { document }, "a");

        await index.SearchAsync(new float[] { 1, 0 }, 7, filter, Token);

        var query = (QueryPoints)Assert.Single(Server.Calls, call => call.Method == "/qdrant.Points/Query").Request;
        Assert.Equal((7UL, $"{Prefix}_clip"), (query.Limit, query.CollectionName));
        var conditions = query.Filter.Must.Select(condition => condition.Field).ToDictionary(field => field.Key, field => field.Match);
        Assert.Equal(["Page", "Text"], conditions["modality"].Keywords.Strings);
        Assert.Equal([document.ToString()], conditions["document_id"].Keywords.Strings);
        Assert.Equal("a", conditions["collection"].Keyword);
    }

    [Fact]
    public async Task Upserts_go_in_batches_that_wait_for_the_write()
    {
        var index = OpenIndex();
        var records = new Vectors.RandomVectors(seed: 31, dimensions: 4).Records(600, [Guid.NewGuid()]);

        await index.UpsertAsync(records, Token);

        var upserts = Server.Calls.Where(call => call.Method == "/qdrant.Points/Upsert").Select(call => (UpsertPoints)call.Request).ToList();
        Assert.Equal([256, 256, 88], upserts.Select(upsert => upsert.Points.Count));
        Assert.All(upserts, upsert => Assert.True(upsert.Wait));
    }

    protected override QdrantOptions ServerOptions() => new() { Url = Server.Address.ToString() };
}
