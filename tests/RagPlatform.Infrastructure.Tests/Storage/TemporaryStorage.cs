using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Storage;

/// <summary>A data directory of its own for one test, deleted afterwards. Every database opened
/// through it is disposed first, which lets go of pooled connections to the file.</summary>
public sealed class TemporaryStorage : IDisposable
{
    private readonly List<SqliteDatabase> _databases = [];

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

    public void Dispose()
    {
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
