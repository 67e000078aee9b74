using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Writes a page render as an 8-bit PNG (grey or RGB, no alpha, not interlaced) straight
/// from the drawn pixels, with the runtime's zlib (zlib-ng since .NET 9): about three times faster
/// than libvips' pngsave through Debian's libpng and classic zlib at the same size, and one pass over
/// the pixels instead of a copy into libvips and a band extraction first.</summary>
internal static class RenderPng
{
    /// <summary>zlib-ng's level 2 (its fast deflate with lazy-free matching): level 1 is its
    /// "quick" strategy with static Huffman codes only, which writes renders half as large again.</summary>
    public const int CompressionLevel = 2;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <param name="rgb">Pixels of 3 bytes each (red, green, blue), row after row.</param>
    /// <param name="grey">Write only the green band as one grey band (the pixels are known to be grey).</param>
    /// <param name="filter">PNG row filter for every row: 0 none, 1 sub, 2 up.</param>
    public static byte[] Encode(ReadOnlySpan<byte> rgb, int width, int height, bool grey, int level = CompressionLevel, byte filter = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(rgb.Length, checked(width * height * 3));
        var channels = grey ? 1 : 3;
        var rowBytes = width * channels;

        using var compressed = new MemoryStream(capacity: Math.Max(4096, rgb.Length / 16));
        using (var zlib = new ZLibStream(compressed, new ZLibCompressionOptions { CompressionLevel = level }, leaveOpen: true))
        {
            var row = new byte[1 + rowBytes];
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            for (var y = 0; y < height; y++)
            {
                var source = rgb.Slice(y * width * 3, width * 3);
                if (grey)
                {
                    for (var x = 0; x < width; x++)
                    {
                        current[x] = source[(x * 3) + 1];
                    }
                }
                else
                {
                    source.CopyTo(current);
                }

                row[0] = filter;
                Filter(filter, current, previous, channels, row.AsSpan(1));
                zlib.Write(row);
                (previous, current) = (current, previous);
            }
        }

        var idat = compressed.GetBuffer().AsSpan(0, (int)compressed.Length);
        var png = new byte[Signature.Length + (12 + 13) + (12 + idat.Length) + 12];
        var span = png.AsSpan();
        Signature.CopyTo(span);
        var at = Signature.Length;
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = (byte)(grey ? 0 : 2);
        at = WriteChunk(span, at, "IHDR"u8, header);
        at = WriteChunk(span, at, "IDAT"u8, idat);
        WriteChunk(span, at, "IEND"u8, []);
        return png;
    }

    private static void Filter(byte filter, ReadOnlySpan<byte> current, ReadOnlySpan<byte> previous, int channels, Span<byte> output)
    {
        switch (filter)
        {
            case 0:
                current.CopyTo(output);
                break;
            case 1:
                current[..channels].CopyTo(output);
                for (var i = channels; i < current.Length; i++)
                {
                    output[i] = (byte)(current[i] - current[i - channels]);
                }

                break;
            case 2:
                for (var i = 0; i < current.Length; i++)
                {
                    output[i] = (byte)(current[i] - previous[i]);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(filter), filter, "Only none, sub and up are written.");
        }
    }

    private static int WriteChunk(Span<byte> png, int at, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        BinaryPrimitives.WriteInt32BigEndian(png[at..], data.Length);
        type.CopyTo(png[(at + 4)..]);
        data.CopyTo(png[(at + 8)..]);
        var crc = new Crc32();
        crc.Append(png.Slice(at + 4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(png[(at + 8 + data.Length)..], crc.GetCurrentHashAsUInt32());
        return at + 12 + data.Length;
    }
}
