using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Ingestion;
using RagPlatform.Storage.Files;

namespace RagPlatform.Storage.Sqlite;

/// <summary>The one SQLite database file of the embedded storage: owns its connection string and
/// applies the schema migrations exactly once per instance, before the first connection is handed
/// out. Several processes (API, ingestion worker) may share the file: WAL lets readers run beside
/// the single writer, and writers wait for each other up to the busy timeout.</summary>
internal sealed class SqliteDatabase : IDisposable
{
    public const string FileName = "ragplatform.db";

    // SQLite result codes (sqlite3.h).
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Lock _initializationLock = new();
    private Task? _initialization;

    static SqliteDatabase() => SystemSqlite.EnsureInitialized();

    public SqliteDatabase(IOptions<StorageOptions> options, ILogger<SqliteDatabase> logger)
    {
        var settings = options.Value;
        DataDirectory = Path.GetFullPath(settings.DataDirectory);
        FilePath = Path.Combine(DataDirectory, FileName);
        _busyTimeoutMilliseconds = settings.BusyTimeoutMilliseconds;
        _logger = logger;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            ForeignKeys = true,
            Pooling = true,
            // Microsoft.Data.Sqlite's own retry loop on SQLITE_BUSY, in seconds; the PRAGMA
            // busy_timeout set on open makes SQLite itself wait as long.
            DefaultTimeout = Math.Max(1, (settings.BusyTimeoutMilliseconds + 999) / 1000),
        }.ToString();
    }

    /// <summary>Wakes this process's idle workers: the queue and the document store (which queues a
    /// new document's job with its row) both write jobs into this file.</summary>
    public IngestionSignal JobsQueued { get; } = new();

    /// <summary>Absolute path of the data folder.</summary>
    public string DataDirectory { get; }

    public string FilePath { get; }

    /// <summary>Creates the file if needed and brings its schema to the latest version. Safe to call
    /// often and from several threads: the work happens once; a failed attempt is retried by the
    /// next call.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken)
    {
        lock (_initializationLock)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                // Not bound to the caller's token: a cancelled first caller must not poison the
                // migration for everyone else waiting on the same task.
                _initialization = Task.Run(() => MigrateAsync(CancellationToken.None), CancellationToken.None);
            }

            return _initialization.WaitAsync(cancellationToken);
        }
    }

    /// <summary>An open connection with this database's pragmas applied; the caller disposes it
    /// (which returns it to the pool).</summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken);
        return await OpenRawAsync(cancellationToken);
    }

    public void Dispose()
    {
        JobsQueued.Dispose();
        // Pooled connections keep the file open; a disposed database must let it go (tests delete
        // their folders, a host shuts down cleanly).
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenRawAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // synchronous=NORMAL is safe against corruption in WAL mode; a power cut may only lose
            // the last commits. The timeout is an integer from validated options, not user input.
            await using var pragmas = connection.CreateCommand();
            pragmas.CommandText = $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);

            // unhex() arrived in SQLite 3.41; Debian 12's system SQLite is 3.40. The queries use it
            // to turn hex ids from json_each into the blob keys, so provide it where it is missing.
            connection.CreateFunction("unhex", (string? hex) => hex is null ? null : Convert.FromHexString(hex), isDeterministic: true);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            Directory.CreateDirectory(DataDirectory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"Cannot create the data folder {DataDirectory} (Storage:DataDirectory): {ex.Message}", ex);
        }

        try
        {
            await ApplyMigrationsAsync(cancellationToken);
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is SqliteNotADatabase or SqliteCorrupt)
        {
            throw new InvalidOperationException(
                $"{FilePath} is not a RagPlatform database or is damaged ({ex.Message}). Restore it from a backup, or move it away to start empty.", ex);
        }
    }

    private async Task ApplyMigrationsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenRawAsync(cancellationToken);
        await using (var setup = connection.CreateCommand())
        {
            // Both persist in the file and must precede the first write; on an existing file the
            // page size stays what it is. A 2 KiB vector row (512 floats) would fill half a default
            // 4 KiB page and leave the rest empty; 16 KiB pages hold seven, loading and scanning
            // half the bytes.
            setup.CommandText = "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL;";
            await setup.ExecuteNonQueryAsync(cancellationToken);
        }

        var from = await ReadVersionAsync(connection, null, cancellationToken);
        if (from > SqliteMigrations.LatestVersion)
        {
            throw new InvalidOperationException(
                $"The database {FilePath} has schema version {from}, newer than this build knows ({SqliteMigrations.LatestVersion}). Run a newer RagPlatform or point Storage:DataDirectory elsewhere.");
        }

        foreach (var migration in SqliteMigrations.All)
        {
            // BEGIN IMMEDIATE takes the write lock first, so a second process starting at the same
            // moment waits and then sees the version this one wrote.
            await using var transaction = connection.BeginTransaction();
            var current = await ReadVersionAsync(connection, transaction, cancellationToken);
            if (current >= migration.Version)
            {
                continue;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"{migration.Sql}\nPRAGMA user_version = {migration.Version};";
            await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            StorageLog.MigrationApplied(_logger, migration.Version, migration.Name, FilePath);
        }
    }

    private static async Task<long> ReadVersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken) ?? 0L);
    }
}
