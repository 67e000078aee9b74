using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>A data directory of its own for one test, deleted afterwards. Every vector index and
/// database opened through it is disposed first (indexes before the databases they read), which lets
/// go of file locks and pooled connections.</summary>
public sealed class TemporaryStorage : IDisposable
{
    private readonly List<SqliteDatabase> _databases = [];
    private readonly List<EmbeddedVectorIndex> _vectorIndexes = [];

    public TemporaryStorage()
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; }

    internal IOptions<StorageOptions> Options(int parallelScanThreshold = 32_768, VectorScanMode vectorScan = VectorScanMode.Quantized) =>
        Microsoft.Extensions.Options.Options.Create(new StorageOptions
        {
            DataDirectory = DataDirectory,
            BusyTimeoutMilliseconds = 10_000,
            ParallelScanThreshold = parallelScanThreshold,
            VectorScan = vectorScan,
        });

    /// <summary>A new database object over the same file: a second call is what a restart, or a
    /// second process, sees.</summary>
    internal SqliteDatabase OpenDatabase()
    {
        var database = new SqliteDatabase(Options(), NullLogger<SqliteDatabase>.Instance);
        lock (_databases)
        {
            _databases.Add(database);
        }

        return database;
    }

    /// <summary>An embedded vector index on a new database object over the same files: a second
    /// call is what a restart, or a second process, opens.</summary>
    /// <param name="tables">The space (CLIP's by default, or the text space's).</param>
    internal EmbeddedVectorIndex OpenVectorIndex(
        VectorTableNames? tables = null,
        int parallelScanThreshold = 32_768,
        VectorScanMode vectorScan = VectorScanMode.Quantized,
        int compactionThreshold = EmbeddedVectorIndex.DefaultCompactionThreshold,
        int snapshotRefreshRecords = VectorSnapshots.DefaultRefreshRecords,
        ILogger<EmbeddedVectorIndex>? logger = null)
    {
        var index = new EmbeddedVectorIndex(
            OpenDatabase(),
            tables ?? VectorTableNames.Clip,
            Options(parallelScanThreshold, vectorScan),
            logger ?? NullLogger<EmbeddedVectorIndex>.Instance,
            compactionThreshold,
            snapshotRefreshRecords);
        lock (_vectorIndexes)
        {
            _vectorIndexes.Add(index);
        }

        return index;
    }

    public void Dispose()
    {
        foreach (var index in _vectorIndexes)
        {
            index.Dispose();
        }

        foreach (var database in _databases)
        {
            database.Dispose();
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test over.
        }
    }
}
