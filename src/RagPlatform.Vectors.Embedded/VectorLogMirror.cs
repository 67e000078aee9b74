using System.Diagnostics;
using Microsoft.Extensions.Logging;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Vectors.Embedded;

/// <summary>The memory copy of one space's vector log and how it follows the files: it catches up,
/// by file length and manifest generation, with what any process appended, and reloads when a
/// compaction started a new generation. With <c>keepVectors</c> off (the quantized scan) the copy
/// holds codes and metadata only and keeps the generation's log open to read fp32 vectors back; with
/// it on (the exact scan) it holds fp32 vectors and metadata, and no codes. A quantized load starts
/// from the generation's snapshot (<see cref="VectorSnapshotFormat"/>) when one checks out and
/// writes a fresh one after reading the whole log or at least <c>snapshotRefreshRecords</c> records of
/// it, and after a compaction: in the background (<see cref="SnapshotInBackground"/>), so that neither
/// the load (the first search, a first write) nor the compacting write waits for it.
/// <para>Locking: readers hold a read lock and run side by side; applying changes takes the write
/// lock only for the in-memory update, never during I/O; catch-ups (and compactions) are serialised
/// by <see cref="CatchUpGate"/>. A snapshot's rows are captured holding the writers' lock, the
/// snapshot lock and the gate, and written holding the snapshot lock alone
/// (<see cref="BackgroundSnapshots"/>). A replaced log is disposed only after the write lock that swapped it
/// out, so no reader is still reading it.</para></summary>
internal sealed class VectorLogMirror(
    VectorFolder folder, SqliteVectorTable legacyTable, DocumentCollections collections, bool keepVectors, ILogger logger, int snapshotRefreshRecords = VectorSnapshots.DefaultRefreshRecords)
    : IDisposable
{
    private readonly ReaderWriterLockSlim _memoryLock = new(LockRecursionPolicy.NoRecursion);
    private readonly SemaphoreSlim _catchUpGate = new(1, 1);
    private readonly BackgroundSnapshots _snapshots = new(folder, logger);
    private bool _disposed;
    private VectorSegments _vectors = new(keepVectors: keepVectors, keepCodes: !keepVectors, keepItemIds: false);
    private VectorLogVectors? _log;
    private VectorLogPosition _position = VectorLogPosition.None;
    private long _records;

    /// <summary>Where this copy has read the log up to.</summary>
    public VectorLogPosition Position => Volatile.Read(ref _position);

    /// <summary>Records in the current generation, live or dead.</summary>
    public long Records => Volatile.Read(ref _records);

    /// <summary>Held by whoever changes the memory copy from the files (catch-ups, compaction).</summary>
    public SemaphoreSlim CatchUpGate => _catchUpGate;

    public T Read<T>(Func<VectorSegments, T> read)
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

    public async Task CatchUpIfBehindAsync(CancellationToken cancellationToken)
    {
        // The common case costs a small file read and a stat, and no lock: nothing changed.
        var seen = Position;
        if (seen.Generation != 0 &&
            await folder.ReadGenerationAsync(cancellationToken) == seen.Generation &&
            folder.LengthOf(seen.Generation) == seen.Offset)
        {
            return;
        }

        await CatchUpAsync(cancellationToken);
    }

    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _catchUpGate.WaitAsync(cancellationToken);
        try
        {
            var seen = _position;
            var generation = seen.Generation == 0
                ? await VectorFolderSetup.EnsureAsync(folder, legacyTable, cancellationToken)
                : await folder.ReadGenerationAsync(cancellationToken);
            if (generation != seen.Generation)
            {
                await LoadAsync(generation, cancellationToken);
                return;
            }

            using var file = folder.OpenForReading(generation);
            if (file is null)
            {
                return; // compacted away since the manifest was read: the next look loads the new one
            }

            var batch = new VectorChangeBatch();
            var end = await VectorLogReader.ReadAsync(file, seen.Offset, batch, cancellationToken);
            if (batch.Records > 0)
            {
                var collectionsRead = await collections.ReadAsync(batch.DocumentIds, cancellationToken);
                Update(vectors => batch.ApplyTo(vectors, collectionsRead));
                Interlocked.Add(ref _records, batch.Records);
            }

            Volatile.Write(ref _position, new VectorLogPosition(generation, end));
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    /// <summary>After a compaction wrote the rows, in position order, as <paramref name="position"/>'s
    /// generation: the rows now live there. Caller holds the catch-up gate.</summary>
    public void Compacted(VectorLogPosition position, long records, VectorLogVectors log, int recordBytes)
    {
        var old = _log;
        Update(vectors => vectors.Rebase(log, recordBytes));
        _log = log;
        old?.Dispose();
        MovedTo(position, records);
    }

    /// <summary>The snapshot started last, once written, skipped or given up; it never faults.</summary>
    public Task SnapshotSettled => _snapshots.Settled;

    /// <summary>Writes the snapshots (and holds the test seam that pauses them).</summary>
    internal BackgroundSnapshots Snapshots => _snapshots;

    /// <summary>Starts writing a snapshot (quantized mode) off the caller's path
    /// (<see cref="BackgroundSnapshots"/>): of the rows as they are once it has the locks, wherever
    /// the log has got to then. Caller holds the catch-up gate.</summary>
    public void SnapshotInBackground()
    {
        if (!keepVectors)
        {
            _snapshots.Start(CaptureAsync);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _snapshots.Dispose();
        _log?.Dispose();
        _memoryLock.Dispose();
        _catchUpGate.Dispose();
    }

    private async Task LoadAsync(long generation, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var path = folder.LogPath(generation);
            var file = folder.OpenForReading(generation);
            if (file is null)
            {
                generation = await folder.ReadGenerationAsync(cancellationToken); // compacted meanwhile
                continue;
            }

            var log = new VectorLogVectors(file);
            try
            {
                // Quantized: the rows of the generation's snapshot, if it checks out, then the log's
                // records after it; otherwise every record of the log.
                var snapshot = keepVectors ? null : await VectorSnapshotReader.TryLoadAsync(
                    folder.SnapshotPath(generation), generation, file, VectorSegments.DefaultSegmentCapacity, logger, cancellationToken);
                // Item ids are read back from the log (the rows hold their record offsets), so the
                // log is attached before the first row arrives.
                var loaded = snapshot?.Vectors ?? new VectorSegments(keepVectors: keepVectors, keepCodes: !keepVectors, keepItemIds: false);
                loaded.AttachLog(log);
                var start = snapshot?.LogOffset ?? 0;
                var loader = new VectorSegmentsLoader(loaded, RandomAccess.GetLength(file) - start);
                var end = await VectorLogReader.ReadAsync(file, start, loader, cancellationToken);
                var position = new VectorLogPosition(generation, end);
                var records = (snapshot?.LogRecords ?? 0) + loader.Records;
                loaded.AssignCollections(await collections.ReadAllAsync(cancellationToken));
                Replace(loaded, log, position, records);
                if ((snapshot is null && loaded.Count > 0) || loader.Records >= snapshotRefreshRecords)
                {
                    SnapshotInBackground();
                }

                EmbeddedVectorsLog.VectorsLoaded(logger, loaded.Count, loaded.Dimensions, path, stopwatch.ElapsedMilliseconds);
                return;
            }
            catch
            {
                log.Dispose();
                throw;
            }
        }
    }

    /// <summary>Swaps in a whole new state (a load). Caller holds the catch-up gate.</summary>
    private void Replace(VectorSegments vectors, VectorLogVectors log, VectorLogPosition position, long records)
    {
        var old = _log;
        _memoryLock.EnterWriteLock();
        try
        {
            _vectors = vectors;
        }
        finally
        {
            _memoryLock.ExitWriteLock();
        }

        _log = log;
        old?.Dispose();
        MovedTo(position, records);
    }

    private void Update(Action<VectorSegments> change)
    {
        _memoryLock.EnterWriteLock();
        try
        {
            change(_vectors);
        }
        finally
        {
            _memoryLock.ExitWriteLock();
        }
    }

    /// <summary>The rows and the log position they reflect, taken in milliseconds under the gate, so
    /// the memory copy equals the log up to that position: segments frozen rather than copied
    /// (<see cref="VectorSnapshotRows"/>). The memory copy changes only under the gate, so no memory
    /// lock is needed, and searches go on reading the frozen segments.</summary>
    private async Task<VectorSnapshotRows> CaptureAsync(CancellationToken cancellationToken)
    {
        await _catchUpGate.WaitAsync(cancellationToken);
        try
        {
            return _vectors.CaptureForSnapshot(_position, _records);
        }
        finally
        {
            _catchUpGate.Release();
        }
    }

    private void MovedTo(VectorLogPosition position, long records)
    {
        Volatile.Write(ref _records, records);
        Volatile.Write(ref _position, position);
    }
}
