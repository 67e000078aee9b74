using System.Buffers.Binary;
using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Reads a snapshot (<see cref="VectorSnapshotFormat"/>) straight into the arrays of new
/// segments and hands them over only when the whole file checks out: right
/// length, header of this log (generation, covered offset within the log, fingerprint of the log
/// bytes before it), every part's hash, document slots and log offsets in range, an item map holding
/// each row once. Anything else means no snapshot: the caller loads from the log, which rebuilds it.
/// A snapshot that is there but fails a check (damaged, torn, truncated, unreadable or of another log)
/// is logged as a warning with the reason, so lost reload speed is never silent; a missing one is
/// not (a first start, or one after a compaction that could not write it).</summary>
internal static class VectorSnapshotReader
{
    /// <summary>The snapshot's rows in a new <see cref="VectorSegments"/> (item ids read from the
    /// log, which the caller attaches) and the log position and record count they reflect; null when
    /// there is no usable snapshot.</summary>
    // Synchronous positioned reads of large spans into their final arrays: an async read per column
    // would only add thread-pool hops.
    public static Task<VectorSnapshotLoad?> TryLoadAsync(
        string path, long generation, SafeFileHandle log, int segmentCapacity, ILogger logger, CancellationToken cancellationToken)
    {
        VectorSnapshotLoad? load;
        string? rejection;
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            load = Read(file, generation, log, segmentCapacity, out rejection, cancellationToken);
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<VectorSnapshotLoad?>(null);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A bad sector or a permission gone wrong costs reload speed, never the load itself.
            (load, rejection) = (null, $"it cannot be read ({exception.Message})");
        }

        if (rejection is not null)
        {
            EmbeddedVectorsLog.SnapshotRejected(logger, path, rejection);
        }

        return Task.FromResult(load);
    }

    private static VectorSnapshotLoad? Read(
        SafeFileHandle file, long generation, SafeFileHandle log, int segmentCapacity, out string? rejection, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(file);
        var headerBytes = new byte[VectorSnapshotFormat.HeaderBytes];
        var header = length >= VectorSnapshotFormat.HeaderBytes + VectorSnapshotFormat.TrailerBytes && PositionedReads.TryReadExactly(file, headerBytes, 0)
            ? VectorSnapshotFormat.ReadHeader(headerBytes)
            : null;
        rejection = header is null ? $"its {length} bytes do not start with a snapshot header"
            : header.Generation != generation ? $"its header names generation {header.Generation}, not {generation}"
            : header.BlockRows != segmentCapacity ? $"its blocks hold {header.BlockRows} rows, not {segmentCapacity}"
            : VectorSnapshotFormat.FileBytes(header) != length ? $"it is {length} bytes long where its header says {VectorSnapshotFormat.FileBytes(header)} (torn or truncated)"
            : header.LogOffset > RandomAccess.GetLength(log) ? $"it covers the log up to {header.LogOffset}, past the log's end"
            : VectorSnapshotFormat.LogFingerprint(log, header.LogOffset) != header.LogFingerprint ? "it was taken of another log"
            : null;
        if (header is null || rejection is not null)
        {
            return null;
        }

        var blocks = (header.Rows + segmentCapacity - 1) / segmentCapacity;
        var partHashes = new ulong[blocks + 3];
        partHashes[0] = XxHash3.HashToUInt64(headerBytes);
        var documents = new Guid[header.DocumentSlots];
        var offset = (long)VectorSnapshotFormat.HeaderBytes;
        var segments = ReadPart(file, MemoryMarshal.AsBytes(documents.AsSpan()), ref offset, out partHashes[1])
            ? ReadBlocks(file, header, documents.Length, partHashes.AsSpan(2, blocks), out rejection, cancellationToken)
            : null;
        if (segments is null)
        {
            rejection ??= "its document table is cut short";
            return null;
        }

        offset = VectorSnapshotFormat.BlocksStart(header) + ((long)header.Rows * VectorSnapshotFormat.RowBytes(header.Dimensions));
        var map = GC.AllocateUninitializedArray<ulong>(header.ItemMapSlots);
        Span<byte> trailer = stackalloc byte[VectorSnapshotFormat.TrailerBytes];
        if (!ReadPart(file, MemoryMarshal.AsBytes(map.AsSpan()), ref offset, out partHashes[^1]) ||
            !PositionedReads.TryReadExactly(file, trailer, offset) ||
            BinaryPrimitives.ReadUInt64LittleEndian(trailer) != VectorSnapshotFormat.Combine(partHashes))
        {
            rejection = "its checksum does not match its content (damaged)";
            return null;
        }

        var vectors = new VectorSegments(segmentCapacity, keepVectors: false, keepCodes: true, keepItemIds: false);
        vectors.Restore(header.Dimensions, segments, header.Rows, documents);
        if (!vectors.TryRestoreItemMap(map))
        {
            rejection = "its item map does not hold each row once";
            return null;
        }

        return new VectorSnapshotLoad(vectors, header.LogOffset, header.LogRecords);
    }

    /// <summary>Reads and checks every block; null when any fails. One thread: spreading the blocks
    /// over the cores (each has its own hash for that) gained nothing measurable on the 2-core
    /// development machine under load and cost ≈ 4 MiB of resident memory (thread-pool threads).</summary>
    private static VectorSegment[]? ReadBlocks(
        SafeFileHandle file, VectorSnapshotHeader header, int documentSlots, Span<ulong> hashes, out string? rejection, CancellationToken cancellationToken)
    {
        rejection = null;
        var capacity = header.BlockRows;
        var segments = new VectorSegment[hashes.Length];
        var hash = new XxHash3();
        var offsets = new long[capacity];
        for (var index = 0; index < segments.Length; index++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = index * capacity;
            var rows = Math.Min(capacity, header.Rows - start);
            // The last segment is sized to its rows (a power of two, at least 64), as a load from
            // the log grows a lone one; it grows further when rows are added.
            var size = index < segments.Length - 1 ? capacity : Math.Min(capacity, Math.Max(64, (int)BitOperations.RoundUpToPowerOf2((uint)rows)));
            var segment = new VectorSegment(size, header.Dimensions, keepVectors: false, keepCodes: true, keepItemIds: false);
            var position = VectorSnapshotFormat.BlocksStart(header) + ((long)start * VectorSnapshotFormat.RowBytes(header.Dimensions));
            hash.Reset();
            var read =
                ReadInto(file, MemoryMarshal.AsBytes(segment.Codes.AsSpan(0, rows * header.Dimensions)), ref position, hash) &&
                ReadInto(file, MemoryMarshal.AsBytes(segment.Scales.AsSpan(0, rows)), ref position, hash) &&
                ReadInto(file, MemoryMarshal.AsBytes(segment.DocumentSlots.AsSpan(0, rows)), ref position, hash) &&
                ReadInto(file, segment.Modalities.AsSpan(0, rows), ref position, hash) &&
                ReadInto(file, MemoryMarshal.AsBytes(offsets.AsSpan(0, rows)), ref position, hash);
            rejection = !read ? $"block {index} is cut short"
                : !InRange(segment.DocumentSlots.AsSpan(0, rows), documentSlots) ? $"block {index} has a document slot out of range"
                : !Within(offsets.AsSpan(0, rows), header.LogOffset) ? $"block {index} has a log offset past what it covers"
                : null;
            if (rejection is not null)
            {
                return null;
            }

            for (var row = 0; row < rows; row++)
            {
                segment.SetLogOffset(row, offsets[row]);
            }

            hashes[index] = hash.GetCurrentHashAsUInt64();
            segments[index] = segment;
        }

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
        var read = PositionedReads.TryReadExactly(file, destination, offset);
        offset += destination.Length;
        hash = read ? XxHash3.HashToUInt64(destination) : 0;
        return read;
    }

    private static bool ReadInto(SafeFileHandle file, Span<byte> destination, ref long offset, XxHash3 hash)
    {
        if (!PositionedReads.TryReadExactly(file, destination, offset))
        {
            return false;
        }

        hash.Append(destination);
        offset += destination.Length;
        return true;
    }
}
