using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>The platform's embedded vector index with one <see cref="VectorScanMode"/>, on a data
/// folder of its own under artifacts/bench-tmp: <see cref="CreateAsync"/> empties it, <see cref="OpenAsync"/>
/// opens what is there (a restart) and loads it before returning.</summary>
internal sealed class EmbeddedIndexFactory(VectorScanMode scan)
{
    private string Folder => Path.Combine(BenchPaths.RepositoryRoot, "artifacts", "bench-tmp", $"embedded-index-{scan.ToString().ToLowerInvariant()}");

    public async Task<IVectorIndex> CreateAsync(CancellationToken cancellationToken)
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }

        return await OpenAsync(cancellationToken);
    }

    public async Task<IVectorIndex> OpenAsync(CancellationToken cancellationToken)
    {
        var options = Options.Create(new StorageOptions { DataDirectory = Folder, VectorScan = scan });
        var database = new SqliteDatabase(options, NullLogger<SqliteDatabase>.Instance);
        await database.InitializeAsync(cancellationToken);
        var index = new EmbeddedVectorIndex(database, options, NullLogger<EmbeddedVectorIndex>.Instance);
        await index.InitializeAsync(cancellationToken);
        return index;
    }
}
