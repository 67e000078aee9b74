using System.Diagnostics;
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
/// the cosine): by default a scan of int8 codes whose best candidates are re-scored exactly, or an
/// exact fp32 scan (<see cref="StorageOptions.VectorScan"/>). The memory copy is a cache of the log
/// that catches up, by file length and manifest generation, after each write of this instance and
/// before each search, so writes made by another process sharing the folder (the ingestion worker)
/// become visible to this one's searches.
/// <para>Locking: writers, in this process and others, take the folder's lock file, catch up, append
/// and flush. Searches hold a read lock and run side by side; applying changes takes the write lock
/// only for the in-memory update, never during I/O. Catch-ups are serialised by a semaphore.</para></summary>
internal sealed class EmbeddedVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>Dead records (replaced or deleted rows, delete records) that trigger a compaction
    /// once they also outnumber the live rows.</summary>
    internal const int DefaultCompactionThreshold = 50_000;

    private readonly VectorFolder _folder;
    private readonly SqliteVectorTable _legacyTable;
    private readonly DocumentCollections _collections;
    private readonly int _parallelScanThreshold;
    private readonly bool _quantized;
    private readonly int _compactionThreshold;
    private readonly ILogger<EmbeddedVectorIndex> _logger;
    private readonly ReaderWriterLockSlim _memoryLock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private VectorSegments _vectors = new();
    private VectorLogPosition _position = VectorLogPosition.None;
    private long _records;
    private int _activeSearches;

    public EmbeddedVectorIndex(SqliteDatabase database, IOptions<StorageOptions> options, ILogger<EmbeddedVectorIndex> logger)
        : this(database, VectorTableNames.Clip, options, logger)
    {
    }

    /// <summary>An index over another space (the text space's).</summary>
    internal EmbeddedVectorIndex(
        SqliteDatabase database, VectorTableNames tables, IOptions<StorageOptions> options, ILogger<EmbeddedVectorIndex> logger, int compactionThreshold = DefaultCompactionThreshold)
    {
        _folder = new VectorFolder(Path.Combine(database.DataDirectory, "vectors", tables.Folder));
        _legacyTable = new SqliteVectorTable(database, tables);
        _collections = new DocumentCollections(database);
        _parallelScanThreshold = options.Value.ParallelScanThreshold;
        _quantized = options.Value.VectorScan == VectorScanMode.Quantized;
        _compactionThreshold = compactionThreshold;
        _logger = logger;
    }

    /// <summary>Loads the vectors now rather than on first use (importing them from SQLite once).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => CatchUpAsync(cancellationToken);

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
        await CatchUpIfBehindAsync(cancellationToken);

        // Alone, a search fans out over every core for latency; when several run at once they share
        // the cores instead, since the scan is bound by memory bandwidth and oversubscribed fan-outs
        // only add scheduling overhead.
        var concurrent = Interlocked.Increment(ref _activeSearches);
        _memoryLock.EnterReadLock();
        try
        {
            var vectors = _vectors;
            var degree = vectors.Count >= _parallelScanThreshold ? Math.Max(1, Environment.ProcessorCount / concurrent) : 1;
            return vectors.Search(query, limit, filter, degree, cancellationToken, _quantized);
        }
        finally
        {
            _memoryLock.ExitReadLock();
            Interlocked.Decrement(ref _activeSearches);
        }
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await CatchUpIfBehindAsync(cancellationToken);
        return Read(vectors => vectors.Count);
    }

    public async Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await CatchUpIfBehindAsync(cancellationToken);
        return Read(vectors => vectors.Sample(count));
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
            await CatchUpAsync(cancellationToken);
            await new VectorLogCompaction(_folder, _logger).RunAsync(this, cancellationToken);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public void Dispose()
    {
        _memoryLock.Dispose();
        _catchUpGate.Dispose();
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
            await CatchUpAsync(cancellationToken);
            // Checked under the lock against the log, the one authority when several processes
            // write: an empty index accepts any length (a new model), a non-empty one only its own.
            var (count, stored) = Read(vectors => (vectors.Count, vectors.Dimensions));
            if (dimensions is { } length && count > 0 && stored != length)
            {
                throw new ArgumentException(
                    $"The vectors have {length} dimensions but the index holds {stored}-dimensional vectors. Re-index everything after changing the embedding model.");
            }

            var position = _position;
            await using (var writer = VectorLogWriter.Open(_folder.LogPath(position.Generation), position.Offset))
            {
                append(writer);
                await writer.CommitAsync(cancellationToken);
            }

            await CatchUpAsync(cancellationToken);
            var dead = Volatile.Read(ref _records) - Read(vectors => vectors.Count);
            if (dead >= _compactionThreshold && dead > Read(vectors => vectors.Count))
            {
                await new VectorLogCompaction(_folder, _logger).RunAsync(this, cancellationToken);
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>Where this instance has read the log up to.</summary>
    internal VectorLogPosition Position => Volatile.Read(ref _position);

    /// <summary>Held by whoever changes the memory copy from the files (catch-ups, compaction).</summary>
    internal SemaphoreSlim CatchUpGate => _catchUpGate;

    internal T Read<T>(Func<VectorSegments, T> read)
    {
        _memoryLock.EnterReadLock();
        try
        {
            return read(_vectors);
        }
        finally
        {
            _memoryLock.ExitReadLock();
        }
    }

    /// <summary>The first load sets the folder up (and imports from SQLite) under the folder's lock
    /// itself, so a writer runs it before taking that lock: the lock is not re-entrant.</summary>
    private Task EnsureSetUpAsync(CancellationToken cancellationToken) =>
        Position.Generation == 0 ? CatchUpAsync(cancellationToken) : Task.CompletedTask;

    private async Task CatchUpIfBehindAsync(CancellationToken cancellationToken)
    {
        // The common case costs a small file read and a stat, and no lock: nothing changed.
        var seen = Volatile.Read(ref _position);
        if (seen.Generation != 0 &&
            await _folder.ReadGenerationAsync(cancellationToken) == seen.Generation &&
            _folder.LengthOf(seen.Generation) == seen.Offset)
        {
            return;
        }

        await CatchUpAsync(cancellationToken);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _catchUpGate.WaitAsync(cancellationToken);
        try
        {
            var seen = _position;
            var generation = seen.Generation == 0
                ? await VectorFolderSetup.EnsureAsync(_folder, _legacyTable, cancellationToken)
                : await _folder.ReadGenerationAsync(cancellationToken);
            if (generation != seen.Generation)
            {
                await LoadAsync(generation, cancellationToken);
                return;
            }

            using var file = _folder.OpenForReading(generation);
            if (file is null)
            {
                return; // compacted away since the manifest was read: the next look loads the new one
            }

            var batch = new VectorChangeBatch();
            var end = await VectorLogReader.ReadAsync(file, seen.Offset, batch, cancellationToken);
            if (batch.Records > 0)
            {
                var collections = await _collections.ReadAsync(batch.DocumentIds, cancellationToken);
                _memoryLock.EnterWriteLock();
                try
                {
                    batch.ApplyTo(_vectors, collections);
                }
                finally
                {
                    _memoryLock.ExitWriteLock();
                }

                Interlocked.Add(ref _records, batch.Records);
            }

            Volatile.Write(ref _position, new VectorLogPosition(generation, end));
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    private async Task LoadAsync(long generation, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var path = _folder.LogPath(generation);
            using var file = _folder.OpenForReading(generation);
            if (file is null)
            {
                generation = await _folder.ReadGenerationAsync(cancellationToken); // compacted meanwhile
                continue;
            }

            var loaded = new VectorSegments();
            var loader = new VectorSegmentsLoader(loaded);
            var end = await VectorLogReader.ReadAsync(file, 0, loader, cancellationToken);
            loaded.AssignCollections(await _collections.ReadAllAsync(cancellationToken));
            Replace(loaded, new VectorLogPosition(generation, end), loader.Records);
            EmbeddedVectorsLog.VectorsLoaded(_logger, loaded.Count, loaded.Dimensions, path, stopwatch.ElapsedMilliseconds);
            return;
        }
    }

    /// <summary>Swaps in a whole new state (a load). Caller holds the catch-up gate.</summary>
    private void Replace(VectorSegments vectors, VectorLogPosition position, long records)
    {
        _memoryLock.EnterWriteLock();
        try
        {
            _vectors = vectors;
        }
        finally
        {
            _memoryLock.ExitWriteLock();
        }

        MovedTo(position, records);
    }

    /// <summary>Records that the memory copy now matches <paramref name="position"/>, which holds
    /// <paramref name="records"/> records. Caller holds the catch-up gate.</summary>
    internal void MovedTo(VectorLogPosition position, long records)
    {
        Volatile.Write(ref _records, records);
        Volatile.Write(ref _position, position);
    }
}
