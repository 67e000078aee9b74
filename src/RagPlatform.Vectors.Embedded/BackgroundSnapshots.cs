using Microsoft.Extensions.Logging;
using RagPlatform.Vectors.Embedded.Files;

namespace RagPlatform.Vectors.Embedded;

/// <summary>Writes a quantized <see cref="VectorLogMirror"/>'s snapshots off its callers' path, one
/// after another. A snapshot waits for the writers' lock (a writer busy now, this process's included,
/// finishes first), takes the snapshot lock, has the mirror capture its rows under the catch-up gate
/// (the order writers and compactions take the three in), then lets go of the writers' lock and the
/// gate before it writes the file: writers wait for the capture (milliseconds), never for the write
/// (≈ 1 s at 1M rows), which holds the snapshot lock alone (<see cref="VectorFolder.SnapshotLockPath"/>).</summary>
internal sealed class BackgroundSnapshots(VectorFolder folder, ILogger logger) : IDisposable
{
    private readonly CancellationTokenSource _disposing = new();
    private Task _last = Task.CompletedTask;

    /// <summary>The snapshot started last, once written, skipped or given up; it never faults.</summary>
    public Task Settled => Volatile.Read(ref _last);

    /// <summary>Test seam: awaited once a snapshot's rows are captured and only the snapshot lock is
    /// held, before the file is written.</summary>
    internal Func<Task> BeforeWrite { get; set; } = () => Task.CompletedTask;

    /// <summary>Starts a snapshot of the rows <paramref name="capture"/> returns (called holding the
    /// writers' and snapshot locks; it waits for the catch-up gate itself). Callers hold the catch-up
    /// gate, which orders the snapshots started.</summary>
    public void Start(Func<CancellationToken, Task<VectorSnapshotRows>> capture)
    {
        var previous = _last;
        var disposing = _disposing.Token;
        Volatile.Write(ref _last, Task.Run(() => WriteAsync(previous, capture, disposing)));
    }

    public void Dispose()
    {
        // A snapshot still waiting for a lock or the gate is given up (the next load writes it); one
        // being written is finished, so a short-lived process still leaves one.
        _disposing.Cancel();
        _last.Wait();
        _disposing.Dispose();
    }

    private async Task WriteAsync(Task previous, Func<CancellationToken, Task<VectorSnapshotRows>> capture, CancellationToken cancellationToken)
    {
        try
        {
            await previous;
            var (snapshotLock, rows) = await CaptureAsync(capture, cancellationToken);
            if (snapshotLock is null)
            {
                return;
            }

            // Writers (here and in other processes), catch-ups and searches go on; a compaction waits
            // for the snapshot lock before it re-points the rows or removes the generation.
            using (snapshotLock)
            using (rows)
            {
                await BeforeWrite();
                await VectorSnapshots.TrySaveAsync(folder, rows!, logger, CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // A snapshot is a cache: failing to write one must not fault a task nobody awaits.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            EmbeddedVectorsLog.SnapshotFailed(logger, folder.Path, exception);
        }
    }

    /// <summary>The snapshot lock and the captured rows; no lock (and no rows) when another process is
    /// writing a snapshot of this folder now: waiting for it holding the writers' lock would stall
    /// every writer, and a snapshot is a cache, so this one is given up (the next load or compaction
    /// writes one).</summary>
    private async Task<(VectorFolderLock? SnapshotLock, VectorSnapshotRows? Rows)> CaptureAsync(
        Func<CancellationToken, Task<VectorSnapshotRows>> capture, CancellationToken cancellationToken)
    {
        using var writers = await VectorFolderLock.AcquireAsync(folder.LockPath, cancellationToken);
        var snapshotLock = VectorFolderLock.TryAcquire(folder.SnapshotLockPath);
        if (snapshotLock is null)
        {
            return (null, null);
        }

        try
        {
            return (snapshotLock, await capture(cancellationToken));
        }
        catch
        {
            snapshotLock.Dispose();
            throw;
        }
    }
}
