using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>The snapshot of a quantized index's rows at one point of its log (<c>vectors-000001.codes</c>
/// beside <c>vectors-000001.log</c>), so that a reload reads the int8 codes and row columns (≈ 545 B
/// a 512-d row) instead of reading, checksumming and re-quantising every record of the log (2,112 B
/// a row), then replays only the log's records after that point. The log stays the one authority:
/// a snapshot that is missing, torn, damaged or not of this log is ignored and rebuilt from it.
/// <code>
/// header, 64 bytes little-endian:
///  0 u32 magic "RVS2"   4 i32 dimensions   8 i32 rows per block   12 i32 rows   16 i32 document slots   20 i32 item map slots
/// 24 i64 generation   32 i64 log offset covered   40 i64 log records covered (live or dead)
/// 48 u64 XxHash3 of the log's last 64 bytes before that offset   56 u64 0
/// body: document id of each slot (16 B, empty when free); then per block of rows (position order):
///       codes (dimensions B a row), scales (f32), document slots (i32), modalities (u8), log offsets (i64);
///       then the item map's slots as they are in memory (u64: hash of the id, position + 1; see ItemPositions)
/// trailer: u64 XxHash3 of the XxHash3s (u64 each) of the header, the document table, each block and the item map
/// </code>
/// Item ids are not in the file: the index reads them back from the log, and the stored item map
/// saves hashing a million ids into a new one. Each block has its own hash so that blocks are read
/// and checked in parallel.
/// The trailer makes the file its own commit point (a torn or damaged file fails it); the
/// generation, the covered offset and the fingerprint of the log bytes just before it tie the
/// snapshot to the log it was taken from (a different or shortened log fails them). It is written
/// beside its final name and renamed over it, under the folder's snapshot lock (<see cref="VectorFolder.SnapshotLockPath"/>).</summary>
internal static class VectorSnapshotFormat
{
    public const int HeaderBytes = 64;

    public const int TrailerBytes = sizeof(ulong);

    private const uint Magic = 0x32535652; // "RVS2"

    /// <summary>How many log bytes before the covered offset the fingerprint hashes.</summary>
    private const int FingerprintBytes = 64;

    public static void WriteHeader(Span<byte> header, VectorSnapshotHeader value)
    {
        header[..HeaderBytes].Clear();
        BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], value.Dimensions);
        BinaryPrimitives.WriteInt32LittleEndian(header[8..], value.BlockRows);
        BinaryPrimitives.WriteInt32LittleEndian(header[12..], value.Rows);
        BinaryPrimitives.WriteInt32LittleEndian(header[16..], value.DocumentSlots);
        BinaryPrimitives.WriteInt32LittleEndian(header[20..], value.ItemMapSlots);
        BinaryPrimitives.WriteInt64LittleEndian(header[24..], value.Generation);
        BinaryPrimitives.WriteInt64LittleEndian(header[32..], value.LogOffset);
        BinaryPrimitives.WriteInt64LittleEndian(header[40..], value.LogRecords);
        BinaryPrimitives.WriteUInt64LittleEndian(header[48..], value.LogFingerprint);
    }

    /// <summary>The header's fields; null when it is not a header this format writes.</summary>
    public static VectorSnapshotHeader? ReadHeader(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderBytes || BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic)
        {
            return null;
        }

        var value = new VectorSnapshotHeader(
            Dimensions: BinaryPrimitives.ReadInt32LittleEndian(header[4..]),
            BlockRows: BinaryPrimitives.ReadInt32LittleEndian(header[8..]),
            Rows: BinaryPrimitives.ReadInt32LittleEndian(header[12..]),
            DocumentSlots: BinaryPrimitives.ReadInt32LittleEndian(header[16..]),
            ItemMapSlots: BinaryPrimitives.ReadInt32LittleEndian(header[20..]),
            Generation: BinaryPrimitives.ReadInt64LittleEndian(header[24..]),
            LogOffset: BinaryPrimitives.ReadInt64LittleEndian(header[32..]),
            LogRecords: BinaryPrimitives.ReadInt64LittleEndian(header[40..]),
            LogFingerprint: BinaryPrimitives.ReadUInt64LittleEndian(header[48..]));
        var sane = value.Dimensions is > 0 and <= VectorLogFormat.MaxDimensions && value.BlockRows > 0 && value.Rows >= 0 &&
            value.DocumentSlots >= 0 && value.ItemMapSlots >= value.Rows && value.Generation > 0 && value.LogOffset >= 0 && value.LogRecords >= value.Rows;
        return sane ? value : null;
    }

    /// <summary>The length of the whole file the header describes.</summary>
    public static long FileBytes(VectorSnapshotHeader header) =>
        BlocksStart(header) + ((long)header.Rows * RowBytes(header.Dimensions)) + ((long)header.ItemMapSlots * sizeof(ulong)) + TrailerBytes;

    /// <summary>Where the first block starts (after header and document table).</summary>
    public static long BlocksStart(VectorSnapshotHeader header) => HeaderBytes + ((long)header.DocumentSlots * 16);

    /// <summary>Bytes a row takes in a block: codes, scale, document slot, modality, log offset.</summary>
    public static int RowBytes(int dimensions) => dimensions + sizeof(float) + sizeof(int) + 1 + sizeof(long);

    /// <summary>The trailer's value: one hash over the parts' hashes.</summary>
    public static ulong Combine(ReadOnlySpan<ulong> partHashes) => XxHash3.HashToUInt64(MemoryMarshal.AsBytes(partHashes));

    /// <summary>XxHash3 of the (up to) 64 log bytes that end at <paramref name="offset"/>; 0 for an empty log.</summary>
    public static ulong LogFingerprint(SafeFileHandle log, long offset)
    {
        var length = (int)Math.Min(FingerprintBytes, offset);
        Span<byte> bytes = stackalloc byte[FingerprintBytes];
        if (!PositionedReads.TryReadExactly(log, bytes[..length], offset - length))
        {
            return ~0UL; // the log is shorter than the snapshot says: no snapshot of it
        }

        return length == 0 ? 0 : XxHash3.HashToUInt64(bytes[..length]);
    }
}
