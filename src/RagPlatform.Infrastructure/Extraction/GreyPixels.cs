using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Tells a render drawn in greys only (black text on white paper: most pages) from one
/// with colour, so that it can be stored as one grey band instead of three equal ones.</summary>
internal static class GreyPixels
{
    // 16 pixels (48 bytes) a step: each byte is compared with the next one, and a pixel is grey when
    // its red equals its green and its green its blue. The comparison of a blue with the next
    // pixel's red does not count: these masks keep the positions that do, for the three vectors of
    // a step (offsets 0, 16 and 32, whose first bytes are a red, a green and a blue).
    private static readonly Vector128<byte> Within0 = Mask(0);
    private static readonly Vector128<byte> Within16 = Mask(16);
    private static readonly Vector128<byte> Within32 = Mask(32);

    /// <param name="rgb">Pixels of 3 bytes each, red, green, blue.</param>
    /// <returns>True when every pixel has equal red, green and blue. Stops at the first step that does not.</returns>
    public static bool AreGrey(ReadOnlySpan<byte> rgb)
    {
        ref var start = ref MemoryMarshal.GetReference(rgb);
        var i = 0;

        // The shifted loads read one byte past the step: stop while that byte is still in the span.
        for (; i + 49 <= rgb.Length; i += 48)
        {
            var differ = Differ(ref start, i, Within0) | Differ(ref start, i + 16, Within16) | Differ(ref start, i + 32, Within32);
            if (differ != Vector128<byte>.Zero)
            {
                return false;
            }
        }

        for (; i + 2 < rgb.Length; i += 3)
        {
            if (rgb[i] != rgb[i + 1] || rgb[i + 1] != rgb[i + 2])
            {
                return false;
            }
        }

        return true;
    }

    private static Vector128<byte> Differ(ref byte start, int offset, Vector128<byte> within) =>
        ~Vector128.Equals(Vector128.LoadUnsafe(ref start, (nuint)offset), Vector128.LoadUnsafe(ref start, (nuint)offset + 1)) & within;

    private static Vector128<byte> Mask(int offset)
    {
        Span<byte> mask = stackalloc byte[16];
        for (var j = 0; j < 16; j++)
        {
            mask[j] = (byte)((offset + j) % 3 == 2 ? 0 : 0xFF);
        }

        return Vector128.Create((ReadOnlySpan<byte>)mask);
    }
}
