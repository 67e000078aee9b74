using NetVips;

namespace RagPlatform.Api.Tests.Support;

/// <summary>Large images made by libvips line by line, so the test never holds their pixels: small
/// files that decode to hundreds of megabytes, as an attacker would upload them.</summary>
internal static class LargeImages
{
    /// <summary>A square PNG of one colour with a dark block in a corner (a few hundred KB at 9990 px).</summary>
    public static byte[] FlatPng(int side)
    {
        using var black = Image.Black(side, side, bands: 3);
        using var colour = black.Linear([1.0, 1.0, 1.0], [200.0, 220.0, 240.0]).Cast(Enums.BandFormat.Uchar);
        using var block = Image.Black(Math.Max(1, side / 10), Math.Max(1, side / 10), bands: 3);
        using var drawn = colour.Insert(block, side / 20, side / 20);
        return drawn.PngsaveBuffer(compression: 9);
    }

    /// <summary>A square PNG of grey noise, which compresses badly: its scaled copies are large.</summary>
    public static byte[] NoisePng(int side)
    {
        using var noise = Image.Gaussnoise(side, side, mean: 128, sigma: 40);
        using var grey = noise.Cast(Enums.BandFormat.Uchar);
        return grey.PngsaveBuffer(compression: 1);
    }

    /// <summary>Width and height from a PNG's IHDR chunk.</summary>
    public static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
