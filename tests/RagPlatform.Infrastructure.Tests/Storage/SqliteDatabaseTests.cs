using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Infrastructure.Tests.Storage;

public sealed class SqliteDatabaseTests : IDisposable
{
    private readonly TemporaryStorage _storage = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => _storage.Dispose();

    [Fact]
    public async Task A_new_file_is_migrated_to_the_latest_version_in_WAL_mode()
    {
        var database = _storage.OpenDatabase();

        await database.InitializeAsync(Token);

        Assert.Equal(Path.Combine(_storage.DataDirectory, "ragplatform.db"), database.FilePath);
        Assert.Equal(SqliteMigrations.LatestVersion, await ScalarAsync<long>(database, "PRAGMA user_version"));
        Assert.Equal("wal", await ScalarAsync<string>(database, "PRAGMA journal_mode"));
        Assert.Equal(1L, await ScalarAsync<long>(database, "PRAGMA foreign_keys"));
    }

    [Fact]
    public async Task Instances_starting_at_once_apply_each_migration_exactly_once()
    {
        var logger = new MigrationCounter();
        var databases = Enumerable.Range(0, 6)
            .Select(_ => new SqliteDatabase(_storage.Options(), logger))
            .ToList();

        try
        {
            await Task.WhenAll(databases.Select(database => Task.Run(() => database.InitializeAsync(Token), Token)));
            await Task.WhenAll(databases.Select(database => database.InitializeAsync(Token)));

            Assert.Equal(SqliteMigrations.All.Select(migration => migration.Version), logger.Applied.Order());
        }
        finally
        {
            databases.ForEach(database => database.Dispose());
        }
    }

    [Fact]
    public async Task A_database_written_by_a_newer_version_is_refused_with_the_reason()
    {
        var database = _storage.OpenDatabase();
        await database.InitializeAsync(Token);
        await ScalarAsync<long>(database, $"PRAGMA user_version = {SqliteMigrations.LatestVersion + 1}; SELECT 0");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _storage.OpenDatabase().InitializeAsync(Token));

        Assert.Contains("newer", error.Message, StringComparison.Ordinal);
        Assert.Contains("Storage:DataDirectory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_with_its_path()
    {
        var database = _storage.OpenDatabase();
        await File.WriteAllTextAsync(database.FilePath, new string('x', 8192), Token);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.InitializeAsync(Token));

        Assert.Contains(database.FilePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("not a RagPlatform database", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ids_are_stored_as_16_byte_blobs_in_every_table()
    {
        var database = _storage.OpenDatabase();
        var document = Samples.Document();
        var item = Samples.TextItem(document.Id, 1, 0, "words");
        await new SqliteDocumentStore(database).AddAsync(document, Token);
        await new SqliteDocumentStore(database).SavePageAsync(Samples.Page(document.Id, 1), [item], Token);
        await new SqliteJobQueue(database, TimeProvider.System).EnqueueAsync(document.Id, Token);
        await new SqliteLexicalIndex(database).IndexAsync([new LexicalEntry(item.Id, document.Id, Modality.Text, "words")], Token);
        using var vectors = new EmbeddedVectorIndex(database, _storage.Options(), Microsoft.Extensions.Logging.Abstractions.NullLogger<EmbeddedVectorIndex>.Instance);
        await vectors.UpsertAsync([new VectorRecord(item.Id, document.Id, Modality.Text, new float[] { 1, 0 })], Token);

        var kinds = await ScalarAsync<string>(database, """
            SELECT group_concat(kind) FROM (
                SELECT DISTINCT typeof(id) || length(id) AS kind FROM documents
                UNION SELECT typeof(document_id) || length(document_id) FROM pages
                UNION SELECT typeof(id) || length(id) FROM items UNION SELECT typeof(document_id) || length(document_id) FROM items
                UNION SELECT typeof(document_id) || length(document_id) FROM jobs
                UNION SELECT typeof(item_id) || length(item_id) FROM lexical_entries UNION SELECT typeof(document_id) || length(document_id) FROM lexical_entries
                UNION SELECT typeof(item_id) || length(item_id) FROM vectors UNION SELECT typeof(document_id) || length(document_id) FROM vectors)
            """);

        Assert.Equal("blob16", kinds);
    }

    private static async Task<T> ScalarAsync<T>(SqliteDatabase database, string sql)
    {
        await using var connection = await database.OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Records which migrations were applied, across all instances sharing it.</summary>
    private sealed class MigrationCounter : ILogger<SqliteDatabase>
    {
        private readonly List<int> _applied = [];

        public IReadOnlyList<int> Applied
        {
            get
            {
                lock (_applied)
                {
                    return [.. _applied];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is IReadOnlyList<KeyValuePair<string, object?>> values &&
                values.FirstOrDefault(pair => pair.Key == "Version").Value is int version)
            {
                lock (_applied)
                {
                    _applied.Add(version);
                }
            }
        }
    }
}
