using System.Buffers.Binary;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>PNGs: every legal colour type and bit depth, plain and interlaced (decoders' rarely used
/// paths), then lies: CRCs, sizes, palettes, chunk lengths, cut and missing image data; and a real
/// encoder's PNG cut and bit-flipped.</summary>
internal static class DamagedPngs
{
    // Colour type → the bit depths the specification allows for it.
    private static readonly (byte ColourType, byte[] Depths)[] Legal =
        [(0, [1, 2, 4, 8, 16]), (2, [8, 16]), (3, [1, 2, 4, 8]), (4, [8, 16]), (6, [8, 16])];

    public static IEnumerable<MalformedFile> Make(Random random)
    {
        foreach (var (colourType, depths) in Legal)
        {
            foreach (var depth in depths)
            {
                foreach (byte interlace in (byte[])[0, 1])
                {
                    yield return new("png/odd-format", $"png-type{colourType}-{depth}bit{(interlace == 1 ? "-interlaced" : "")}.png",
                        PngWriter.Image(random, 61, 53, depth, colourType, interlace, paletteEntries: 1 << Math.Min((int)depth, 8)));
                }
            }
        }

        foreach (var file in Lies(random))
        {
            yield return file;
        }

        var real = SampleImages.BarChartPng();
        foreach (var cut in Damage.CutOffsets(random, real.Length, 8))
        {
            yield return new("png/truncated", $"png-cut-at-{cut}.png", Damage.Truncate(real, cut));
        }

        for (var i = 0; i < 6; i++)
        {
            yield return new("png/flipped", $"png-flipped-{i}.png", Damage.Flip(random, real, 1 + (i * 7)));
        }
    }

    private static IEnumerable<MalformedFile> Lies(Random random)
    {
        var pixels = PngWriter.Deflate(PngWriter.Scanlines(random, 64, 64, 8, 2, 0));
        var idat = PngWriter.Chunk("IDAT", pixels);
        var iend = PngWriter.Chunk("IEND", []);
        var ihdr = PngWriter.Ihdr(64, 64, 8, 2);
        MalformedFile Lie(string name, params byte[][] chunks) => new("png/lies", $"png-{name}.png", PngWriter.File(chunks));

        yield return Lie("bad-ihdr-crc", PngWriter.Chunk("IHDR", ihdr[8..^4], badCrc: true), idat, iend);
        yield return Lie("bad-idat-crc", ihdr, PngWriter.Chunk("IDAT", pixels, badCrc: true), iend);
        yield return Lie("idat-cut-in-half", ihdr, PngWriter.Chunk("IDAT", pixels[..(pixels.Length / 2)]), iend);
        yield return Lie("idat-missing", ihdr, iend);
        yield return Lie("iend-missing", ihdr, idat);
        yield return Lie("ihdr-missing", idat, iend);
        yield return Lie("idat-too-short-for-size", PngWriter.Ihdr(640, 640, 8, 2), idat, iend);
        yield return Lie("idat-longer-than-size", PngWriter.Ihdr(8, 8, 8, 2), idat, iend);
        yield return Lie("declared-100000x100000", PngWriter.Ihdr(100_000, 100_000, 8, 2), idat, iend);
        yield return Lie("declared-2147483647x1", PngWriter.Ihdr(int.MaxValue, 1, 8, 6), idat, iend);
        yield return Lie("declared-1x2147483647", PngWriter.Ihdr(1, int.MaxValue, 16, 6), idat, iend);
        yield return Lie("declared-4294967295-square", PngWriter.Ihdr(uint.MaxValue, uint.MaxValue, 8, 2), idat, iend);
        yield return Lie("zero-width", PngWriter.Ihdr(0, 64, 8, 2), idat, iend);
        yield return Lie("zero-height", PngWriter.Ihdr(64, 0, 8, 2), idat, iend);
        yield return Lie("bit-depth-4-for-rgb", PngWriter.Ihdr(64, 64, 4, 2), idat, iend);
        yield return Lie("bit-depth-0", PngWriter.Ihdr(64, 64, 0, 0), idat, iend);
        yield return Lie("colour-type-5", PngWriter.Ihdr(64, 64, 8, 5), idat, iend);
        yield return Lie("interlace-method-9", PngWriter.Ihdr(64, 64, 8, 2, interlace: 9), idat, iend);

        var indices = PngWriter.Deflate(PngWriter.Scanlines(random, 64, 64, 8, 3, 0));
        var paletted = PngWriter.Ihdr(64, 64, 8, 3);
        yield return Lie("palette-missing", paletted, PngWriter.Chunk("IDAT", indices), iend);
        yield return Lie("palette-of-2-for-256-indices", paletted, PngWriter.Chunk("PLTE", PngWriter.RandomBytes(random, 6)), PngWriter.Chunk("IDAT", indices), iend);
        yield return Lie("palette-of-300-entries", paletted, PngWriter.Chunk("PLTE", PngWriter.RandomBytes(random, 900)), PngWriter.Chunk("IDAT", indices), iend);
        yield return Lie("palette-length-not-times-3", paletted, PngWriter.Chunk("PLTE", PngWriter.RandomBytes(random, 100)), PngWriter.Chunk("IDAT", indices), iend);
        yield return Lie("transparency-longer-than-palette", paletted, PngWriter.Chunk("PLTE", PngWriter.RandomBytes(random, 12)),
            PngWriter.Chunk("tRNS", PngWriter.RandomBytes(random, 256)), PngWriter.Chunk("IDAT", indices), iend);

        var lying = PngWriter.Chunk("IDAT", pixels);
        BinaryPrimitives.WriteUInt32BigEndian(lying, 0x7FFFFFFF);
        yield return Lie("chunk-length-2gb", ihdr, lying, iend);
        yield return Lie("unknown-critical-chunk", ihdr, PngWriter.Chunk("ABCD", [1, 2, 3]), idat, iend);
        yield return Lie("idat-not-zlib", ihdr, PngWriter.Chunk("IDAT", PngWriter.RandomBytes(random, 4000)), iend);
        yield return Lie("bad-filter-types", ihdr, PngWriter.Chunk("IDAT", PngWriter.Deflate(Enumerable.Repeat((byte)7, 64 * 193).ToArray())), iend);
        yield return Lie("idat-split-in-1-byte-chunks", [ihdr, .. pixels.Select(b => PngWriter.Chunk("IDAT", [b])), iend]);
        yield return Lie("20000-text-chunks", [ihdr, .. Enumerable.Range(0, 20_000).Select(i => PngWriter.Chunk("tEXt", "Comment\0x"u8.ToArray())), idat, iend]);

        // 64 MiB of zero rows for an image that declares 16 × 16: the inflater must stop at the size.
        var flood = PngWriter.Deflate(new byte[64 << 20]);
        yield return Lie("idat-inflates-to-64-mib", PngWriter.Ihdr(16, 16, 8, 0), PngWriter.Chunk("IDAT", flood), iend);
    }
}
