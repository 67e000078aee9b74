using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Reads a snapshot (<see cref="VectorSnapshotFormat"/>) straight into the arrays of new
/// segments, its blocks in parallel, and hands them over only when the whole file checks out: right
/// length, header of this log (generation, covered offset within the log, fingerprint of the log
/// bytes before it), every part's hash, document slots and log offsets in range, an item map holding
/// each row once. Anything else means no snapshot: the caller loads from the log, which rebuilds it.</summary>
internal static class VectorSnapshotReader
{
    /// <summary>The snapshot's rows in a new <see cref="VectorSegments"/> (item ids read from the
    /// log, which the caller attaches) and the log position and record count they reflect; null when
    /// there is no usable snapshot.</summary>
    // Synchronous positioned reads of large spans into their final arrays: an async read per column
    // would only add thread-pool hops.
    public static Task<VectorSnapshotLoad?> TryLoadAsync(string path, long generation, SafeFileHandle log, int segmentCapacity, CancellationToken cancellationToken)
    {
        SafeFileHandle file;
        try
        {
            file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<VectorSnapshotLoad?>(null);
        }

        using (file)
        {
            return Task.FromResult(Read(file, generation, log, segmentCapacity, cancellationToken));
        }
    }

    private static VectorSnapshotLoad? Read(SafeFileHandle file, long generation, SafeFileHandle log, int segmentCapacity, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(file);
        var headerBytes = new byte[VectorSnapshotFormat.HeaderBytes];
        if (length < VectorSnapshotFormat.HeaderBytes + VectorSnapshotFormat.TrailerBytes || !ReadExactly(file, headerBytes, 0))
        {
            return null;
        }

        var header = VectorSnapshotFormat.ReadHeader(headerBytes);
        if (header is null || header.Generation != generation || header.BlockRows != segmentCapacity ||
            VectorSnapshotFormat.FileBytes(header) != length || header.LogOffset > RandomAccess.GetLength(log) ||
            VectorSnapshotFormat.LogFingerprint(log, header.LogOffset) != header.LogFingerprint)
        {
            return null;
        }

        var blocks = (header.Rows + segmentCapacity - 1) / segmentCapacity;
        var partHashes = new ulong[blocks + 3];
        partHashes[0] = XxHash3.HashToUInt64(headerBytes);
        var documents = new Guid[header.DocumentSlots];
        var offset = (long)VectorSnapshotFormat.HeaderBytes;
        if (!ReadPart(file, MemoryMarshal.AsBytes(documents.AsSpan()), ref offset, out partHashes[1]))
        {
            return null;
        }

        var segments = ReadBlocks(file, header, documents.Length, partHashes.AsSpan(2, blocks), cancellationToken);
        if (segments is null)
        {
            return null;
        }

        offset = VectorSnapshotFormat.BlocksStart(header) + ((long)header.Rows * VectorSnapshotFormat.RowBytes(header.Dimensions));
        var map = GC.AllocateUninitializedArray<ulong>(header.ItemMapSlots);
        Span<byte> trailer = stackalloc byte[VectorSnapshotFormat.TrailerBytes];
        if (!ReadPart(file, MemoryMarshal.AsBytes(map.AsSpan()), ref offset, out partHashes[^1]) ||
            !ReadExactly(file, trailer, offset) ||
            BinaryPrimitives.ReadUInt64LittleEndian(trailer) != VectorSnapshotFormat.Combine(partHashes))
        {
            return null;
        }

        var vectors = new VectorSegments(segmentCapacity, keepVectors: false, keepCodes: true, keepItemIds: false);
        vectors.Restore(header.Dimensions, segments, header.Rows, documents);
        return vectors.TryRestoreItemMap(map) ? new VectorSnapshotLoad(vectors, header.LogOffset, header.LogRecords) : null;
    }

    /// <summary>Reads and checks every block, spread over the cores (copying half a gigabyte out of
    /// the page cache into fresh pages is most of a reload); null when any fails.</summary>
    private static VectorSegment[]? ReadBlocks(SafeFileHandle file, VectorSnapshotHeader header, int documentSlots, Span<ulong> hashes, CancellationToken cancellationToken)
    {
        var capacity = header.BlockRows;
        var segments = new VectorSegment[hashes.Length];
        var blockHashes = new ulong[hashes.Length];
        var failed = 0;
        Parallel.For(0, segments.Length, new ParallelOptions { CancellationToken = cancellationToken }, () => new long[capacity], (index, state, offsets) =>
        {
            var start = index * capacity;
            var rows = Math.Min(capacity, header.Rows - start);
            // A lone first segment is sized to its rows, as a load from the log grows it; every
            // other segment has the full capacity the row arithmetic expects.
            var size = header.Rows <= capacity ? Math.Min(capacity, Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)rows))) : capacity;
            var segment = new VectorSegment(size, header.Dimensions, keepVectors: false, keepCodes: true, keepItemIds: false);
            var position = VectorSnapshotFormat.BlocksStart(header) + ((long)start * VectorSnapshotFormat.RowBytes(header.Dimensions));
            var hash = new XxHash3();
            var read =
                ReadInto(file, MemoryMarshal.AsBytes(segment.Codes.AsSpan(0, rows * header.Dimensions)), ref position, hash) &&
                ReadInto(file, MemoryMarshal.AsBytes(segment.Scales.AsSpan(0, rows)), ref position, hash) &&
                ReadInto(file, MemoryMarshal.AsBytes(segment.DocumentSlots.AsSpan(0, rows)), ref position, hash) &&
                ReadInto(file, segment.Modalities.AsSpan(0, rows), ref position, hash) &&
                ReadInto(file, MemoryMarshal.AsBytes(offsets.AsSpan(0, rows)), ref position, hash);
            if (!read || !InRange(segment.DocumentSlots.AsSpan(0, rows), documentSlots) || !Within(offsets.AsSpan(0, rows), header.LogOffset))
            {
                Interlocked.Exchange(ref failed, 1);
                state.Stop();
                return offsets;
            }

            for (var row = 0; row < rows; row++)
            {
                segment.SetLogOffset(row, offsets[row]);
            }

            blockHashes[index] = hash.GetCurrentHashAsUInt64();
            segments[index] = segment;
            return offsets;
        }, _ => { });

        if (failed != 0)
        {
            return null;
        }

        blockHashes.CopyTo(hashes);
        return segments;
    }

    private static bool InRange(ReadOnlySpan<int> slots, int count)
    {
        foreach (var slot in slots)
        {
            if ((uint)slot >= (uint)count)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Every offset is a record before the covered end.</summary>
    private static bool Within(ReadOnlySpan<long> offsets, long end)
    {
        foreach (var offset in offsets)
        {
            if ((ulong)offset >= (ulong)end)
            {
                return false;
            }
        }

        return true;
    }

    private static bool ReadPart(SafeFileHandle file, Span<byte> destination, ref long offset, out ulong hash)
    {
        var read = ReadExactly(file, destination, offset);
        offset += destination.Length;
        hash = read ? XxHash3.HashToUInt64(destination) : 0;
        return read;
    }

    private static bool ReadInto(SafeFileHandle file, Span<byte> destination, ref long offset, XxHash3 hash)
    {
        if (!ReadExactly(file, destination, offset))
        {
            return false;
        }

        hash.Append(destination);
        offset += destination.Length;
        return true;
    }

    private static bool ReadExactly(SafeFileHandle file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            var read = RandomAccess.Read(file, destination, offset);
            if (read == 0)
            {
                return false;
            }

            destination = destination[read..];
            offset += read;
        }

        return true;
    }
}
