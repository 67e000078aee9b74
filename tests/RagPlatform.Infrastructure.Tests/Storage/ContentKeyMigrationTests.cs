using Microsoft.Data.Sqlite;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>Schema step 7 on a database that already holds duplicates (stored before the content
/// hash was unique): the step applies, the newest copy holds the content, the others stay deletable;
/// step 8 then puts them all in the default collection.</summary>
public sealed class ContentKeyMigrationTests : IDisposable
{
    private readonly TemporaryStorage _storage = new();

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task Duplicates_stored_before_the_unique_content_key_migrate_and_the_newest_holds_the_content()
    {
        var older = Samples.Document("older.pdf", sha256: new string('e', 64), minutesAfterEpoch: 1);
        var newer = Samples.Document("newer.pdf", sha256: older.Sha256, minutesAfterEpoch: 2);
        await WriteVersion6WithAsync(older, newer);

        var store = new SqliteDocumentStore(_storage.OpenDatabase());

        // Schema step 8 put both in the default collection, where the content key stays unique.
        var holder = await store.FindBySha256Async(RagPlatform.Core.Documents.CollectionName.Default, older.Sha256, TestContext.Current.CancellationToken);
        Assert.Equal(newer.Id, holder?.Id);
        Assert.Equal(RagPlatform.Core.Documents.CollectionName.Default, holder?.Collection);
        Assert.Equal(2, (await store.ListAsync(null, 0, 10, TestContext.Current.CancellationToken)).Count);
        Assert.True(await store.BeginDeletionAsync(older.Id, TestContext.Current.CancellationToken));
        Assert.True(await store.DeleteAsync(older.Id, TestContext.Current.CancellationToken));
    }

    private async Task WriteVersion6WithAsync(params RagPlatform.Core.Documents.Document[] documents)
    {
        SystemSqlite.EnsureInitialized();
        var path = Path.Combine(_storage.DataDirectory, SqliteDatabase.FileName);
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join('\n', SqliteMigrations.All.Where(m => m.Version <= 6).Select(m => m.Sql)) + "\nPRAGMA user_version = 6;";
        foreach (var (document, n) in documents.Select((d, n) => (d, n)))
        {
            command.CommandText += $"\nINSERT INTO documents (id, file_name, media_type, kind, size_bytes, sha256, status, pages_total, pages_done, item_count, created_at, updated_at) VALUES (@id{n}, '{document.FileName}', 'application/pdf', 'Pdf', 1, '{document.Sha256}', 'Ready', 0, 0, 0, {document.CreatedAt.UtcTicks}, {document.UpdatedAt.UtcTicks});";
            command.Parameters.AddWithValue($"@id{n}", document.Id.ToByteArray());
        }

        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
