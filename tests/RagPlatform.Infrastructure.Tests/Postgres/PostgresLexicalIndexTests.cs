using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Postgres;
using RagPlatform.TestServers.Postgres;

namespace RagPlatform.Infrastructure.Tests.Postgres;

public sealed class PostgresLexicalIndexTests(PostgresServer server) : LexicalIndexScenarios, IAsyncLifetime
{
    private TestDatabase? _database;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await server.CreateDatabaseAsync(Token);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override ILexicalIndex OpenIndex() => new PostgresLexicalIndex(_database!.OpenDataSource());

    [Fact]
    public async Task The_collection_filter_keeps_hits_of_documents_in_that_collection()
    {
        var dataSource = _database!.OpenDataSource();
        var store = new PostgresDocumentStore(dataSource);
        var manual = await store.AddAsync(Samples.Document(collection: "manuals"), Token);
        var memo = await store.AddAsync(Samples.Document(collection: "memos"), Token);
        var index = new PostgresLexicalIndex(dataSource);
        var inManual = Entry("boiler pressure valve", manual.Id);
        await index.IndexAsync([inManual, Entry("boiler room key", memo.Id), new LexicalEntry(Guid.NewGuid(), memo.Id, Modality.Page, "boiler")], Token);

        Assert.Equal([inManual.ItemId], (await index.SearchAsync("boiler", 10, SearchFilter.In("manuals"), Token)).Select(h => h.ItemId));
        Assert.Empty(await index.SearchPagesAsync("boiler", 10, SearchFilter.In("manuals"), Token));
        Assert.Single(await index.SearchPagesAsync("boiler", 10, SearchFilter.In("memos"), Token));
    }

    [Fact]
    public async Task Entries_of_a_document_whose_deletion_began_are_not_indexed()
    {
        var dataSource = _database!.OpenDataSource();
        var store = new PostgresDocumentStore(dataSource);
        var document = await store.AddAsync(Samples.Document(), Token);
        await store.BeginDeletionAsync(document.Id, Token);
        var index = new PostgresLexicalIndex(dataSource);

        await index.IndexAsync([Entry("late chunk", document.Id), new LexicalEntry(Guid.NewGuid(), document.Id, Modality.Page, "late page")], Token);

        Assert.Empty(await index.SearchAsync("late", 10, SearchFilter.None, Token));
        Assert.Empty(await index.SearchPagesAsync("late", 10, SearchFilter.None, Token));
    }
}
