using System.Buffers.Binary;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>The framing between the platform and its extractor process: each message is a 4-byte
/// marker, a 4-byte little-endian length and that many bytes. The marker catches a stream that
/// something other than the protocol wrote to (a native library printing to stdout).</summary>
internal static class ExtractorFrames
{
    /// <summary>A page with 64 large images and its render stays far below this; a length above it
    /// means the stream is not a frame.</summary>
    public const int MaxLength = 1 << 30;

    private const uint Marker = 0x58474152; // "RAGX" read little-endian

    public static async Task WriteAsync(Stream stream, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Marker);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), payload.Length);
        await stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a frame without waiting: for a small frame into a pipe whose reader is idle.</summary>
    public static void Write(Stream stream, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(header, Marker);
        BinaryPrimitives.WriteInt32LittleEndian(header[4..], payload.Length);
        stream.Write(header);
        stream.Write(payload);
        stream.Flush();
    }

    /// <returns>The payload, or null when the stream ended cleanly before a frame began.</returns>
    /// <exception cref="EndOfStreamException">The stream ended inside a frame.</exception>
    /// <exception cref="InvalidDataException">The bytes are not a frame.</exception>
    public static async Task<byte[]?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        var read = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new EndOfStreamException("The stream ended inside a frame header.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Marker || length is < 0 or > MaxLength)
        {
            throw new InvalidDataException("The extractor's output is not a protocol frame.");
        }

        var payload = new byte[length];
        await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
        return payload;
    }
}
