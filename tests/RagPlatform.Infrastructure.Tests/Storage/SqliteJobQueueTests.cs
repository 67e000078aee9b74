using RagPlatform.Core.Ingestion;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteJobQueueTests : JobQueueScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    protected override IJobQueue OpenQueue() => new SqliteJobQueue(_storage.OpenDatabase(), Clock);

    public void Dispose() => _storage.Dispose();
}
