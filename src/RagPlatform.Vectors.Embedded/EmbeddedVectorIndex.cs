using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Search;
using RagPlatform.Storage.Files;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Nearest-neighbour search with no server: the vectors are persisted in the SQLite
/// database and searched from memory with SIMD dot products (vectors are L2-normalised, so the dot
/// product is the cosine): by default a scan of int8 codes whose best candidates are re-scored
/// exactly, or an exact fp32 scan (<see cref="StorageOptions.VectorScan"/>). The memory copy is a cache of the vectors table that catches up, by change
/// number, after each write of this instance and before each search, so writes made by another
/// process sharing the database (the ingestion worker) become visible to this one's searches.
/// <para>Locking: searches hold a read lock and run side by side; applying changes takes the write
/// lock only for the in-memory update, never during SQLite I/O. Catch-ups are serialised by a
/// semaphore.</para></summary>
internal sealed class EmbeddedVectorIndex : IVectorIndex, IDisposable
{
    /// <summary>Sequence value meaning "never loaded".</summary>
    private const long NotLoaded = -1;

    private readonly SqliteVectorTable _table;
    private readonly int _parallelScanThreshold;
    private readonly bool _quantized;
    private readonly ILogger<EmbeddedVectorIndex> _logger;
    private readonly ReaderWriterLockSlim _memoryLock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private VectorSegments _vectors = new();
    private long _seenSequence = NotLoaded;
    private int _activeSearches;

    public EmbeddedVectorIndex(SqliteDatabase database, IOptions<StorageOptions> options, ILogger<EmbeddedVectorIndex> logger)
        : this(database, VectorTableNames.Clip, options, logger)
    {
    }

    /// <summary>An index over another space's tables (the text space's).</summary>
    internal EmbeddedVectorIndex(SqliteDatabase database, VectorTableNames tables, IOptions<StorageOptions> options, ILogger<EmbeddedVectorIndex> logger)
    {
        _table = new SqliteVectorTable(database, tables);
        _parallelScanThreshold = options.Value.ParallelScanThreshold;
        _quantized = options.Value.VectorScan == VectorScanMode.Quantized;
        _logger = logger;
    }

    /// <summary>Loads the vectors from SQLite now rather than on first use.</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => CatchUpAsync(cancellationToken);

    public async Task UpsertAsync(IReadOnlyList<VectorRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }

        var dimensions = VectorChecks.BatchDimensions(records, nameof(records));

        await _table.UpsertAsync(records, dimensions, cancellationToken);
        await CatchUpAsync(cancellationToken);
    }

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

    public async Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken)
    {
        await _table.DeleteDocumentAsync(documentId, cancellationToken);
        await CatchUpAsync(cancellationToken);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await CatchUpIfBehindAsync(cancellationToken);
        _memoryLock.EnterReadLock();
        try
        {
            return _vectors.Count;
        }
        finally
        {
            _memoryLock.ExitReadLock();
        }
    }

    public async Task<IReadOnlyList<VectorRecord>> SampleAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await CatchUpIfBehindAsync(cancellationToken);
        _memoryLock.EnterReadLock();
        try
        {
            return _vectors.Sample(count);
        }
        finally
        {
            _memoryLock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        _memoryLock.Dispose();
        _catchUpGate.Dispose();
    }

    private async Task CatchUpIfBehindAsync(CancellationToken cancellationToken)
    {
        // The common case costs one tiny query and no lock: nothing changed since the last look.
        var seen = Volatile.Read(ref _seenSequence);
        if (seen != NotLoaded && await _table.ReadSequenceAsync(cancellationToken) == seen)
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
            var seen = Volatile.Read(ref _seenSequence);
            if (seen == NotLoaded)
            {
                await LoadAsync(cancellationToken);
                return;
            }

            var batch = new VectorChangeBatch();
            var now = await _table.ReadChangesAsync(seen, batch, cancellationToken);
            if (now == seen)
            {
                return;
            }

            _memoryLock.EnterWriteLock();
            try
            {
                batch.ApplyTo(_vectors);
            }
            finally
            {
                _memoryLock.ExitWriteLock();
            }

            Volatile.Write(ref _seenSequence, now);
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var loaded = new VectorSegments();
        var sequence = await _table.ReadChangesAsync(NotLoaded, new VectorSegmentsLoader(loaded), cancellationToken);
        _memoryLock.EnterWriteLock();
        try
        {
            _vectors = loaded;
        }
        finally
        {
            _memoryLock.ExitWriteLock();
        }

        Volatile.Write(ref _seenSequence, sequence);
        EmbeddedVectorsLog.VectorsLoaded(_logger, loaded.Count, loaded.Dimensions, stopwatch.ElapsedMilliseconds);
    }
}
