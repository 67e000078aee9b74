namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Chooses the resolution of a page render: the configured dpi, lowered so that the longest
/// side stays within the maximum, or raised so that a tiny page still reaches the minimum.</summary>
internal static class RenderResolution
{
    /// <param name="longestSidePixels">Longest side of the page rendered at <paramref name="dpi"/>.</param>
    /// <returns>The dpi to render at; equal to <paramref name="dpi"/> when the page fits.</returns>
    public static double Fit(double dpi, double longestSidePixels, int minSide, int maxSide)
    {
        if (longestSidePixels <= 0)
        {
            return dpi;
        }

        // Half a pixel of headroom below the maximum: poppler rounds the scaled size to the nearest
        // pixel, and the size measured at the first dpi was itself rounded. The minimum is a floor
        // for legibility, where a pixel either way does not matter.
        if (longestSidePixels > maxSide)
        {
            return dpi * (maxSide - 0.5) / longestSidePixels;
        }

        if (longestSidePixels < minSide)
        {
            return dpi * minSide / longestSidePixels;
        }

        return dpi;
    }
}
