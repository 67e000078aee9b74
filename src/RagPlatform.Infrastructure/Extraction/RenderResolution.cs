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

    /// <summary>Fits twice: the second fit corrects the rounding of tiny pages (20 points measure 42
    /// pixels at 150 dpi, but 41.7 exactly, so the first fit falls short of the minimum by 1 %).</summary>
    /// <param name="longestSideAt">Longest side of the page rendered at a dpi, in pixels.</param>
    /// <returns>The dpi to render at; <paramref name="longestSideAt"/> was called last with it.</returns>
    public static double FitTwice(double dpi, Func<double, double> longestSideAt, int minSide, int maxSide)
    {
        var longest = longestSideAt(dpi);
        for (var fit = 0; fit < 2; fit++)
        {
            var fitted = Fit(dpi, longest, minSide, maxSide);
            if (fitted == dpi)
            {
                break;
            }

            dpi = fitted;
            longest = longestSideAt(dpi);
        }

        return dpi;
    }
}
