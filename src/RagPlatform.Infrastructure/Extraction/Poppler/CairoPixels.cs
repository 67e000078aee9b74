using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RagPlatform.Infrastructure.Extraction.Poppler;

/// <summary>Turns cairo's ARGB32 rows (B, G, R, A bytes, premultiplied) into the packed RGB that
/// <see cref="RenderPng"/> takes, and tells on the way whether every pixel is grey, in one pass: four
/// pixels a step, with a shuffle, where libvips swaps bytes pixel by pixel, copies the result through
/// its caches and needs another pass to drop the alpha band.</summary>
internal static class CairoPixels
{
    // Red, green and blue of four BGRA pixels, packed; the last 4 bytes are overwritten by the next step.
    private static readonly Vector128<byte> ToRgb = Vector128.Create((byte)2, 1, 0, 6, 5, 4, 10, 9, 8, 14, 13, 12, 255, 255, 255, 255);
    private static readonly Vector128<uint> GreenRed = Vector128.Create(0xFFFFu);
    private const int Opaque = 255;

    /// <param name="bgra">Rows of <paramref name="stride"/> bytes, each starting with <paramref name="width"/> pixels.</param>
    /// <param name="rgb">Width × height × 3 bytes.</param>
    /// <returns>True when every pixel has equal red, green and blue.</returns>
    public static bool ToPackedRgb(ReadOnlySpan<byte> bgra, int stride, int width, int height, Span<byte> rgb)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width * 4);
        ArgumentOutOfRangeException.ThrowIfLessThan(bgra.Length, ((height - 1) * stride) + (width * 4));
        ArgumentOutOfRangeException.ThrowIfNotEqual(rgb.Length, width * height * 3);
        var colour = Vector128<uint>.Zero;
        var grey = true;
        for (var y = 0; y < height; y++)
        {
            var source = bgra.Slice(y * stride, width * 4);
            var target = rgb[(y * width * 3)..];
            if (ConvertRow(source, target, width, out var rowColour))
            {
                colour |= rowColour;
            }
            else
            {
                // Not opaque somewhere: poppler cleared pixels (knockout groups can). libvips
                // unpremultiplies these; so does this slower pass, for this row only.
                grey &= ConvertRowUnpremultiplied(source, target, width);
            }
        }

        return grey && colour == Vector128<uint>.Zero;
    }

    /// <returns>False when a pixel of the row is not opaque: then the row must be converted again.</returns>
    private static bool ConvertRow(ReadOnlySpan<byte> source, Span<byte> target, int width, out Vector128<uint> colour)
    {
        colour = Vector128<uint>.Zero;
        ref var from = ref MemoryMarshal.GetReference(source);
        ref var to = ref MemoryMarshal.GetReference(target);
        var alpha = Vector128<uint>.AllBitsSet;
        var x = 0;

        // Each step stores 16 bytes of which 12 are pixels: stop while the 4 spare bytes still lie in the target.
        for (; x + 4 <= width && (x * 3) + 16 <= target.Length; x += 4)
        {
            var pixels = Vector128.LoadUnsafe(ref from, (nuint)(x * 4));
            var words = pixels.AsUInt32();
            colour |= (words ^ (words >> 8)) & GreenRed;
            alpha &= words;
            Vector128.Shuffle(pixels, ToRgb).StoreUnsafe(ref to, (nuint)(x * 3));
        }

        var opaque = (alpha >> 24) == Vector128.Create((uint)Opaque);
        var greyTail = true;
        for (; x < width; x++)
        {
            var pixel = BinaryPrimitives.ReadUInt32LittleEndian(source[(x * 4)..]);
            var (r, g, b, a) = ((byte)(pixel >> 16), (byte)(pixel >> 8), (byte)pixel, pixel >> 24);
            opaque &= a == Opaque;
            greyTail &= r == g && g == b;
            target[x * 3] = r;
            target[(x * 3) + 1] = g;
            target[(x * 3) + 2] = b;
        }

        if (!greyTail)
        {
            colour |= Vector128<uint>.One;
        }

        return opaque;
    }

    /// <summary>libvips' vips__premultiplied_bgra2rgba: fully transparent and opaque pixels are kept,
    /// others divided by their alpha.</summary>
    /// <returns>True when every pixel of the row is grey.</returns>
    private static bool ConvertRowUnpremultiplied(ReadOnlySpan<byte> source, Span<byte> target, int width)
    {
        var grey = true;
        for (var x = 0; x < width; x++)
        {
            var pixel = BinaryPrimitives.ReadUInt32LittleEndian(source[(x * 4)..]);
            uint r = (byte)(pixel >> 16), g = (byte)(pixel >> 8), b = (byte)pixel, a = pixel >> 24;
            if (a is not 0 and not Opaque)
            {
                (r, g, b) = (Opaque * r / a, Opaque * g / a, Opaque * b / a);
            }

            grey &= r == g && g == b;
            target[x * 3] = (byte)r;
            target[(x * 3) + 1] = (byte)g;
            target[(x * 3) + 2] = (byte)b;
        }

        return grey;
    }
}
