using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteDocumentStoreTests : DocumentStoreScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    protected override IDocumentStore OpenStore() => new SqliteDocumentStore(_storage.OpenDatabase());

    protected override IJobQueue OpenQueue() => new SqliteJobQueue(_storage.OpenDatabase(), TimeProvider.System);

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Items_of_another_page_are_refused_before_anything_is_written()
    {
        var store = OpenStore();
        var document = Samples.Document();
        await store.AddAsync(document, TestContext.Current.CancellationToken);
        var page = Samples.Page(document.Id, 1);

        await Assert.ThrowsAsync<ArgumentException>(() => store.SavePageAsync(
            page, [Samples.TextItem(document.Id, 2, 0, "wrong page")], TestContext.Current.CancellationToken));

        Assert.Empty(await store.GetPagesAsync(document.Id, TestContext.Current.CancellationToken));
    }
}
