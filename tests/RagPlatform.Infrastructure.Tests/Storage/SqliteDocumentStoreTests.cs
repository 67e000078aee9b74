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
}
