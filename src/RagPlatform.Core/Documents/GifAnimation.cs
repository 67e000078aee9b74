namespace RagPlatform.Core.Documents;

/// <summary>Tells an animated GIF from a still one by walking its blocks (managed code, bounded by
/// the bytes given): a second image descriptor means a second frame.</summary>
public static class GifAnimation
{
    /// <summary>What a document says about an animated GIF.</summary>
    public const string FirstFrameOnlyNote = "Animated GIF: only the first frame is indexed.";

    public static bool IsAnimated(ReadOnlySpan<byte> gif)
    {
        if (gif.Length < 13 || !(gif.StartsWith("GIF87a"u8) || gif.StartsWith("GIF89a"u8)))
        {
            return false;
        }

        var position = 13 + ColourTableLength(gif[10]);
        var frames = 0;
        while (position < gif.Length)
        {
            switch (gif[position])
            {
                case 0x2C:
                    if (++frames > 1)
                    {
                        return true;
                    }

                    if (position + 10 > gif.Length)
                    {
                        return false;
                    }

                    position += 10 + ColourTableLength(gif[position + 9]) + 1;
                    position = SkipSubBlocks(gif, position);
                    break;
                case 0x21:
                    position = SkipSubBlocks(gif, position + 2);
                    break;
                default:
                    return false;
            }
        }

        return false;
    }

    // Packed field: bit 7 says a colour table follows, bits 0-2 its size as 2^(n+1) entries of 3 bytes.
    private static int ColourTableLength(byte packed) => (packed & 0x80) != 0 ? 3 * (1 << ((packed & 0x07) + 1)) : 0;

    private static int SkipSubBlocks(ReadOnlySpan<byte> gif, int position)
    {
        while (position < gif.Length && gif[position] != 0)
        {
            position += gif[position] + 1;
        }

        return position + 1;
    }
}
