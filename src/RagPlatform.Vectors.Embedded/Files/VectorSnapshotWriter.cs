using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Writes a snapshot (<see cref="VectorSnapshotFormat"/>) of a quantized index's rows beside
/// its final name, then <see cref="CommitAsync"/> flushes it to disk and renames it over that name, so
/// a reader finds the previous snapshot, none, or this one whole. Only under the folder's snapshot
/// lock (<see cref="VectorFolder.SnapshotLockPath"/>), which makes the temporary name one writer's alone.</summary>
internal sealed class VectorSnapshotWriter : IAsyncDisposable
{
    private const int BufferBytes = 1 << 20;

    private readonly FileStream _stream;
    private readonly string _path;
    private readonly XxHash3 _part = new();
    private readonly List<ulong> _partHashes = [];
    private bool _committed;

    private VectorSnapshotWriter(string path)
    {
        _path = path;
        _stream = new FileStream(TemporaryPath, FileMode.Create, FileAccess.Write, FileShare.None, BufferBytes, FileOptions.None);
    }

    private string TemporaryPath => _path + ".tmp";

    public static VectorSnapshotWriter Create(string path) => new(path);

    /// <summary>Writes header, body and trailer from <paramref name="rows"/>, which do not change
    /// meanwhile (frozen by the capture, or nobody else sees them yet).</summary>
    /// <param name="fingerprint">The log's fingerprint at the rows' position (<see cref="VectorSnapshotFormat.LogFingerprint"/>).</param>
    public void Append(VectorSnapshotRows rows, ulong fingerprint, CancellationToken cancellationToken)
    {
        var dimensions = rows.Dimensions;
        var header = new VectorSnapshotHeader(
            dimensions, rows.SegmentCapacity, rows.Count, rows.DocumentBySlot.Length, rows.ItemMap.Length, rows.Position.Generation, rows.Position.Offset, rows.Records, fingerprint);
        Span<byte> headerBytes = stackalloc byte[VectorSnapshotFormat.HeaderBytes];
        VectorSnapshotFormat.WriteHeader(headerBytes, header);
        Write(headerBytes);
        EndPart();

        Write(MemoryMarshal.AsBytes(rows.DocumentBySlot));
        EndPart();

        var offsets = new long[rows.SegmentCapacity];
        for (var index = 0; index * rows.SegmentCapacity < rows.Count; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = Math.Min(rows.SegmentCapacity, rows.Count - (index * rows.SegmentCapacity));
            var segment = rows.Segments[index];
            for (var row = 0; row < count; row++)
            {
                offsets[row] = segment.LogOffset(row);
            }

            Write(MemoryMarshal.AsBytes(segment.Codes.AsSpan(0, count * dimensions)));
            Write(MemoryMarshal.AsBytes(segment.Scales.AsSpan(0, count)));
            Write(MemoryMarshal.AsBytes(segment.DocumentSlots.AsSpan(0, count)));
            Write(segment.Modalities.AsSpan(0, count));
            Write(MemoryMarshal.AsBytes(offsets.AsSpan(0, count)));
            EndPart();
        }

        Write(MemoryMarshal.AsBytes(rows.ItemMap));
        EndPart();

        Span<byte> trailer = stackalloc byte[VectorSnapshotFormat.TrailerBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(trailer, VectorSnapshotFormat.Combine(CollectionsMarshal.AsSpan(_partHashes)));
        _stream.Write(trailer);
    }

    /// <summary>Flushes the file to disk and renames it over the snapshot's name.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _stream.FlushAsync(cancellationToken);
        _stream.Flush(flushToDisk: true);
        await _stream.DisposeAsync();
        File.Move(TemporaryPath, _path, overwrite: true);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        _part.Append(bytes);
        _stream.Write(bytes);
    }

    private void EndPart()
    {
        _partHashes.Add(_part.GetCurrentHashAsUInt64());
        _part.Reset();
    }
}
