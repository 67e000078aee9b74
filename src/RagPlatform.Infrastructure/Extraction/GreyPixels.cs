namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Tells a render drawn in greys only (black text on white paper: most pages) from one
/// with colour, so that it can be stored as one grey band instead of three equal ones.</summary>
internal static class GreyPixels
{
    /// <param name="rgb">Pixels of 3 bytes each, red, green, blue.</param>
    /// <returns>True when every pixel has equal red, green and blue. Stops at the first that does not.</returns>
    public static bool AreGrey(ReadOnlySpan<byte> rgb)
    {
        for (var i = 0; i + 2 < rgb.Length; i += 3)
        {
            if (rgb[i] != rgb[i + 1] || rgb[i + 1] != rgb[i + 2])
            {
                return false;
            }
        }

        return true;
    }
}
