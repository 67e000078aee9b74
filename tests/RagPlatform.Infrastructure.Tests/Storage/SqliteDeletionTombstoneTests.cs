using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteDeletionTombstoneTests : DeletionTombstoneScenarios, IDisposable
{
    private readonly TemporaryStorage _storage = new();

    protected override IDocumentStore OpenStore() => new SqliteDocumentStore(_storage.OpenDatabase(), Clock);

    protected override IJobQueue OpenQueue() => new SqliteJobQueue(_storage.OpenDatabase(), Clock);

    protected override IDeletionTombstones OpenTombstones() => new SqliteDeletionTombstones(_storage.OpenDatabase());

    protected override async Task<bool> HasTombstoneAsync(Guid documentId)
    {
        await using var connection = await _storage.OpenDatabase().OpenConnectionAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand(null, "SELECT COUNT(*) FROM document_tombstones WHERE document_id = @document")
            .With("@document", documentId);
        return Convert.ToInt64(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public void Dispose() => _storage.Dispose();
}
