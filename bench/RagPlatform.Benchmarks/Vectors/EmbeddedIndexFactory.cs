using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>The platform's embedded vector index (SQLite persistence + SIMD scan from memory) on a
/// fresh data folder under artifacts/bench-tmp, emptied at each creation.</summary>
internal static class EmbeddedIndexFactory
{
    public static async Task<IVectorIndex> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(BenchPaths.RepositoryRoot, "artifacts", "bench-tmp", "embedded-index");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var options = Options.Create(new StorageOptions { DataDirectory = folder });
        var database = new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance);
        await database.InitializeAsync(cancellationToken);
        var index = new EmbeddedVectorIndex(database, options, NullLogger<EmbeddedVectorIndex>.Instance);
        await index.InitializeAsync(cancellationToken);
        return index;
    }
}
