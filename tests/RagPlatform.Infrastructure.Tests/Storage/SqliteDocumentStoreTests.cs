using RagPlatform.Core.Documents;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteDocumentStoreTests : DocumentStoreScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    protected override IDocumentStore OpenStore() => new SqliteDocumentStore(_storage.OpenDatabase());

    public void Dispose() => _storage.Dispose();
}
