using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Reads a snapshot (<see cref="VectorSnapshotFormat"/>) straight into the arrays of new
/// segments, hashing as it goes, and hands them over only when the whole file checks out: right
/// length, header of this log (generation, covered offset within the log, fingerprint of the log
/// bytes before it), trailer hash, every document slot in range. Anything else means no snapshot:
/// the caller loads from the log, which rebuilds it.</summary>
internal static class VectorSnapshotReader
{
    /// <summary>The snapshot's rows in a new <see cref="VectorSegments"/> and the log position and
    /// record count they reflect; null when there is no usable snapshot.</summary>
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
            // Synchronous positioned reads of large spans: the file is read once, front to back,
            // into its final arrays; an async read per column would only add thread-pool hops.
            return Task.FromResult(Read(file, generation, log, segmentCapacity, cancellationToken));
        }
    }

    private static VectorSnapshotLoad? Read(SafeFileHandle file, long generation, SafeFileHandle log, int segmentCapacity, CancellationToken cancellationToken)
    {
        var length = RandomAccess.GetLength(file);
        Span<byte> headerBytes = stackalloc byte[VectorSnapshotFormat.HeaderBytes];
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

        var hash = new XxHash3();
        hash.Append(headerBytes);
        var reader = new Cursor(file, hash, VectorSnapshotFormat.HeaderBytes);
        var documents = new Guid[header.DocumentSlots];
        if (!reader.Read(MemoryMarshal.AsBytes(documents.AsSpan())))
        {
            return null;
        }

        var dimensions = header.Dimensions;
        var segments = new List<VectorSegment>();
        var offsets = new long[segmentCapacity];
        for (var start = 0; start < header.Rows; start += segmentCapacity)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var rows = Math.Min(segmentCapacity, header.Rows - start);
            // A lone first segment is sized to its rows, as a load from the log would grow it;
            // every other segment has the full capacity the row arithmetic expects.
            var capacity = header.Rows <= segmentCapacity ? Math.Min(segmentCapacity, Math.Max(64, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)rows))) : segmentCapacity;
            var segment = new VectorSegment(capacity, dimensions, keepVectors: false, keepCodes: true, keepItemIds: false);
            var read =
                reader.Read(MemoryMarshal.AsBytes(segment.Codes.AsSpan(0, rows * dimensions))) &&
                reader.Read(MemoryMarshal.AsBytes(segment.Scales.AsSpan(0, rows))) &&
                reader.Read(MemoryMarshal.AsBytes(segment.DocumentSlots.AsSpan(0, rows))) &&
                reader.Read(segment.Modalities.AsSpan(0, rows)) &&
                reader.Read(MemoryMarshal.AsBytes(offsets.AsSpan(0, rows)));
            if (!read || !SlotsInRange(segment.DocumentSlots.AsSpan(0, rows), documents.Length))
            {
                return null;
            }

            for (var row = 0; row < rows; row++)
            {
                if ((ulong)offsets[row] > (ulong)header.LogOffset)
                {
                    return null; // a record the snapshot does not cover
                }

                segment.SetLogOffset(row, offsets[row]);
            }

            segments.Add(segment);
        }

        var vectors = new VectorSegments(segmentCapacity, keepVectors: false, keepCodes: true, keepItemIds: false);
        vectors.Restore(dimensions, segments, header.Rows, documents);
        if (!ReadItems(reader, vectors, header.Rows))
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[VectorSnapshotFormat.TrailerBytes];
        if (!ReadExactly(file, trailer, reader.Offset) || BinaryPrimitives.ReadUInt64LittleEndian(trailer) != hash.GetCurrentHashAsUInt64())
        {
            return null;
        }

        return new VectorSnapshotLoad(vectors, header.LogOffset, header.LogRecords);
    }

    /// <summary>Maps every row's id to its position, each position once.</summary>
    private static bool ReadItems(Cursor reader, VectorSegments vectors, int rows)
    {
        const int EntriesPerRead = 4096;
        var buffer = new byte[EntriesPerRead * VectorSnapshotFormat.ItemEntryBytes];
        var seen = new System.Collections.BitArray(rows);
        for (var start = 0; start < rows; start += EntriesPerRead)
        {
            var entries = Math.Min(EntriesPerRead, rows - start);
            var bytes = buffer.AsSpan(0, entries * VectorSnapshotFormat.ItemEntryBytes);
            if (!reader.Read(bytes))
            {
                return false;
            }

            for (var i = 0; i < entries; i++)
            {
                var entry = bytes.Slice(i * VectorSnapshotFormat.ItemEntryBytes, VectorSnapshotFormat.ItemEntryBytes);
                var position = BinaryPrimitives.ReadInt32LittleEndian(entry[16..]);
                if ((uint)position >= (uint)rows || seen[position])
                {
                    return false;
                }

                seen[position] = true;
                vectors.RestoreItem(new Guid(entry[..16]), position);
            }
        }

        return true;
    }

    private static bool SlotsInRange(ReadOnlySpan<int> slots, int count)
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

    /// <summary>Reads the body front to back, hashing every byte read.</summary>
    private sealed class Cursor(SafeFileHandle file, XxHash3 hash, long offset)
    {
        public long Offset { get; private set; } = offset;

        public bool Read(Span<byte> destination)
        {
            if (!ReadExactly(file, destination, Offset))
            {
                return false;
            }

            hash.Append(destination);
            Offset += destination.Length;
            return true;
        }
    }
}
