using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RagPlatform.Vectors.Embedded.Files;

/// <summary>Reads fp32 vectors back out of one generation's log by record offset, so that a quantized
/// index keeps only the int8 codes in memory. Positioned reads (<c>pread</c>) share no file pointer,
/// so searches read side by side; the log is append-only, so an offset stays valid for the life of
/// its generation (a compaction starts a new file and re-points the rows, see
/// <see cref="VectorSegments.Rebase"/>). The checksum is not verified again here: every record was
/// verified when the index read it, and a reader only ever reads offsets it took from those records.</summary>
internal sealed class VectorLogVectors(SafeFileHandle file) : IDisposable
{
    /// <summary>Copies the vector of the upsert record at <paramref name="recordOffset"/> into
    /// <paramref name="destination"/> (whose length is the vector's).</summary>
    public void Read(long recordOffset, Span<float> destination) =>
        ReadExactly(recordOffset, VectorLogFormat.HeaderBytes, MemoryMarshal.AsBytes(destination));

    /// <summary>The item id of the upsert record at <paramref name="recordOffset"/>.</summary>
    public Guid ReadItemId(long recordOffset)
    {
        Span<byte> id = stackalloc byte[16];
        ReadExactly(recordOffset, VectorLogFormat.ItemIdOffset, id);
        return new Guid(id);
    }

    /// <summary>Fills <paramref name="bytes"/> from <paramref name="fieldOffset"/> bytes into the
    /// record at <paramref name="recordOffset"/>.</summary>
    private void ReadExactly(long recordOffset, int fieldOffset, Span<byte> bytes)
    {
        if (!PositionedReads.TryReadExactly(file, bytes, recordOffset + fieldOffset))
        {
            throw new InvalidDataException($"The vector log ended inside the record at offset {recordOffset}, which was read intact before.");
        }
    }

    public void Dispose() => file.Dispose();
}
