using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>Writes PNG files chunk by chunk (PNG specification, 3rd edition), so that every field can
/// be set to what an encoder would never write: any colour type and bit depth, Adam7 interlacing,
/// declared sizes that do not match the data, wrong CRCs.</summary>
internal static class PngWriter
{
    public static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] CrcTable = BuildCrcTable();

    // Adam7 passes: first column, first row, column step, row step.
    private static readonly (int X, int Y, int DX, int DY)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>A chunk: length, type, data, CRC (of type and data; <paramref name="badCrc"/> flips it).</summary>
    public static byte[] Chunk(string type, byte[] data, bool badCrc = false)
    {
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)data.Length);
        Encoding.ASCII.GetBytes(type, chunk.AsSpan(4, 4));
        data.CopyTo(chunk, 8);
        var crc = Crc32(chunk.AsSpan(4, 4 + data.Length));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), badCrc ? ~crc : crc);
        return chunk;
    }

    public static byte[] Ihdr(uint width, uint height, byte bitDepth, byte colourType, byte interlace = 0)
    {
        var data = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(data, width);
        BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(4), height);
        data[8] = bitDepth;
        data[9] = colourType;
        data[12] = interlace;
        return Chunk("IHDR", data);
    }

    /// <summary>A whole file from its chunks (the signature first).</summary>
    public static byte[] File(params byte[][] chunks) => [.. Signature, .. chunks.SelectMany(c => c)];

    /// <summary>A well-formed image of random pixels: IHDR, PLTE for colour type 3, IDAT, IEND.</summary>
    public static byte[] Image(Random random, int width, int height, byte bitDepth, byte colourType, byte interlace = 0, int paletteEntries = 256)
    {
        var chunks = new List<byte[]> { Ihdr((uint)width, (uint)height, bitDepth, colourType, interlace) };
        if (colourType == 3)
        {
            chunks.Add(Chunk("PLTE", RandomBytes(random, 3 * paletteEntries)));
        }

        chunks.Add(Chunk("IDAT", Deflate(Scanlines(random, width, height, bitDepth, colourType, interlace))));
        chunks.Add(Chunk("IEND", []));
        return File([.. chunks]);
    }

    /// <summary>The filtered (filter type 0) scanlines of random pixels, pass after pass when interlaced.</summary>
    public static byte[] Scanlines(Random random, int width, int height, byte bitDepth, byte colourType, byte interlace)
    {
        var bitsPerPixel = Channels(colourType) * bitDepth;
        var passes = interlace == 1 ? Adam7 : [(0, 0, 1, 1)];
        using var raw = new MemoryStream();
        foreach (var (x, y, dx, dy) in passes)
        {
            var passWidth = (width - x + dx - 1) / dx;
            var passHeight = (height - y + dy - 1) / dy;
            if (passWidth <= 0 || passHeight <= 0)
            {
                continue;
            }

            for (var row = 0; row < passHeight; row++)
            {
                raw.WriteByte(0);
                raw.Write(RandomBytes(random, ((passWidth * bitsPerPixel) + 7) / 8));
            }
        }

        return raw.ToArray();
    }

    public static byte[] Deflate(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    public static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    public static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Samples per pixel of a colour type (0 grey, 2 RGB, 3 palette index, 4 grey + alpha, 6 RGBA).</summary>
    private static int Channels(byte colourType) => colourType switch
    {
        2 => 3,
        4 => 2,
        6 => 4,
        _ => 1,
    };

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
