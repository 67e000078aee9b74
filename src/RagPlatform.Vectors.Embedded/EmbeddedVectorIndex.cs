using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Nearest-neighbour search with no server: the vectors are persisted in an append-only log
/// of their own under <c>&lt;data&gt;/vectors/&lt;space&gt;/</c> (<see cref="VectorFolder"/>) and
/// searched from memory with SIMD dot products (vectors are L2-normalised, so the dot product is
/// the cosine): by default a scan of int8 codes held in memory whose best candidates are re-scored
/// exactly with fp32 vectors read back from the log, or an exact scan of fp32 vectors held in memory
/// (<see cref="StorageOptions.VectorScan"/>). The memory copy (<see cref="VectorLogMirror"/>) is a
/// cache of the log that catches up after each write of this instance and before each search, so
/// writes made by another process sharing the folder (the ingestion worker) become visible to this
/// one's searches.
/// <para>Locking: writers, in this process and others, take the folder's lock file, catch up, append
/// and flush; searches run side by side under the mirror's read lock.</para></summary>
internal sealed class EmbeddedVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>Dead records (replaced or deleted rows, delete records) that trigger a compaction
    /// once they also outnumber the live rows.</summary>
    internal const int DefaultCompactionThreshold = 50_000;

    private readonly VectorFolder _folder;
    private readonly VectorLogMirror _mirror;
    private readonly int _parallelScanThreshold;
    private readonly bool _quantized;
    private readonly int _compactionThreshold;
    private readonly ILogger<EmbeddedVectorIndex> _logger;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private int _activeSearches;

    public EmbeddedVectorIndex(SqliteDatabase database, IOptions<StorageOptions> options, ILogger<EmbeddedVectorIndex> logger)
        : this(database, VectorTableNames.Clip, options, logger)
    {
    }

    /// <summary>An index over another space (the text space's).</summary>
    internal EmbeddedVectorIndex(
        SqliteDatabase database,
        VectorTableNames tables,
        IOptions<StorageOptions> options,
        ILogger<EmbeddedVectorIndex> logger,
        int compactionThreshold = DefaultCompactionThreshold,
        int snapshotRefreshRecords = VectorSnapshots.DefaultRefreshRecords)
    {
        _folder = new VectorFolder(Path.Combine(database.DataDirectory, "vectors", tables.Folder));
        _parallelScanThreshold = options.Value.ParallelScanThreshold;
        _quantized = options.Value.VectorScan == VectorScanMode.Quantized;
        _mirror = new VectorLogMirror(_folder, new SqliteVectorTable(database, tables), new DocumentCollections(database), keepVectors: !_quantized, logger, snapshotRefreshRecords);
        _compactionThreshold = compactionThreshold;
        _logger = logger;
    }

    /// <summary>Loads the vectors now rather than on first use (importing them from SQLite once).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => _mirror.CatchUpAsync(cancellationToken);

    /// <summary>Completes when the snapshot this index started last (after a load or a compaction,
    /// in the background) is written, skipped or given up.</summary>
    internal Task SnapshotSettledAsync(CancellationToken cancellationToken) => _mirror.SnapshotSettled.WaitAsync(cancellationToken);

    /// <summary>Test seam: <paramref name="pause"/> runs after each snapshot's rows are captured and
    /// before its file is written (while only the snapshot lock is held).</summary>
    internal void PauseSnapshotWritesWith(Func<Task> pause) => _mirror.Snapshots.BeforeWrite = pause;

    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var dimensions = VectorChecks.BatchDimensions(records, nameof(records));
        await WriteAsync(dimensions, writer =>
        {
            foreach (var record in records)
            {
                writer.AppendUpsert(record.ItemId, record.DocumentId, record.Modality, record.Vector.Span);
            }
        }, cancellationToken);
    }

    public Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken) =>
        WriteAsync(null, writer => writer.AppendDeleteDocument(documentId), cancellationToken);

    public async Task<IReadOnlyList<VectorHit>> SearchAsync(ReadOnlyMemory<float> query, int limit, SearchFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        VectorChecks.RequireFinite(query.Span, "The query vector", nameof(query));
        await _mirror.CatchUpIfBehindAsync(cancellationToken);

        // Alone, a search fans out over every core for latency; when several run at once they share
        // the cores instead, since the scan is bound by memory bandwidth and oversubscribed fan-outs
        // only add scheduling overhead.
        var concurrent = Interlocked.Increment(ref _activeSearches);
        try
        {
            return _mirror.Read(vectors =>
            {
                var degree = vectors.Count >= _parallelScanThreshold ? Math.Max(1, Environment.ProcessorCount / concurrent) : 1;
                return vectors.Search(query, limit, filter, degree, cancellationToken, _quantized);
            });
        }
        finally
        {
            Interlocked.Decrement(ref _activeSearches);
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await _mirror.CatchUpIfBehindAsync(cancellationToken);
        return _mirror.Read(vectors => vectors.Count);
    }

    /// <summary>Sums the vectors of the slots whose document is in the collection: the slots the
    /// collection mask of a search would let through, so the count is what a search can find.</summary>
    public async Task<long> CountAsync(string collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        await _mirror.CatchUpIfBehindAsync(cancellationToken);
        return _mirror.Read(vectors => vectors.Documents.VectorsIn(collection));
    }

    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken) =>
        SampleRowsAsync(count, collection: null, cancellationToken);

    public Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, string collection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(collection);
        return SampleRowsAsync(count, collection, cancellationToken);
    }

    private async Task<IReadOnlyList<VectorRecord>> SampleRowsAsync(int count, string? collection, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await _mirror.CatchUpIfBehindAsync(cancellationToken);
        return _mirror.Read(vectors => VectorSegmentsRows.Sample(vectors, count, collection));
    }

    /// <summary>Rewrites the live rows into a new generation now (normally done by a write once
    /// dead records pass the threshold).</summary>
    internal async Task CompactAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await EnsureSetUpAsync(cancellationToken);
            using var held = await VectorFolderLock.AcquireAsync(_folder.LockPath, cancellationToken);
            await _mirror.CatchUpAsync(cancellationToken);
            await new VectorLogCompaction(_folder, _logger).RunAsync(_mirror, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _mirror.Dispose();
        _writeGate.Dispose();
    }

    /// <summary>Appends under the folder's lock at the intact end this instance has just caught up
    /// to, then reads its own records back like anyone else's.</summary>
    private async Task WriteAsync(int? dimensions, Action<VectorLogWriter> append, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            await EnsureSetUpAsync(cancellationToken);
            using var held = await VectorFolderLock.AcquireAsync(_folder.LockPath, cancellationToken);
            await _mirror.CatchUpAsync(cancellationToken);
            // Checked under the lock against the log, the one authority when several processes
            // write: an empty index accepts any length (a new model), a non-empty one only its own.
            var (count, stored) = _mirror.Read(vectors => (vectors.Count, vectors.Dimensions));
            if (dimensions is { } length && count > 0 && stored != length)
            {
                throw new ArgumentException(
                    $"The vectors have {length} dimensions but the index holds {stored}-dimensional vectors. Re-index everything after changing the embedding model.");
            }

            var position = _mirror.Position;
            await using (var writer = VectorLogWriter.Open(_folder.LogPath(position.Generation), position.Offset))
            {
                append(writer);
                await writer.CommitAsync(cancellationToken);
            }

            await _mirror.CatchUpAsync(cancellationToken);
            var live = _mirror.Read(vectors => vectors.Count);
            var dead = _mirror.Records - live;
            if (dead >= _compactionThreshold && dead > live)
            {
                await new VectorLogCompaction(_folder, _logger).RunAsync(_mirror, cancellationToken);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>The first load sets the folder up (and imports from SQLite) under the folder's lock
    /// itself, so a writer runs it before taking that lock: the lock is not re-entrant.</summary>
    private Task EnsureSetUpAsync(CancellationToken cancellationToken) =>
        _mirror.Position.Generation == 0 ? _mirror.CatchUpAsync(cancellationToken) : Task.CompletedTask;
}
