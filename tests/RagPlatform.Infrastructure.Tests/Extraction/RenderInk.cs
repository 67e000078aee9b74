using RagPlatform.Core.Documents;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Looks at a page render to check that boxes line up with what is drawn.</summary>
internal static class RenderInk
{
    /// <summary>Fraction of the pixels inside the region that are dark (text ink on white paper).</summary>
    public static double DarkFraction(EncodedImage render, Region region)
    {
        using var bitmap = TestImages.Decode(render.Data);
        var left = (int)Math.Floor(region.X * bitmap.Width);
        var top = (int)Math.Floor(region.Y * bitmap.Height);
        var right = Math.Min(bitmap.Width, (int)Math.Ceiling(region.Right * bitmap.Width));
        var bottom = Math.Min(bitmap.Height, (int)Math.Ceiling(region.Bottom * bitmap.Height));

        var dark = 0;
        var total = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                total++;
                if (IsDark(bitmap.GetPixel(x, y)))
                {
                    dark++;
                }
            }
        }

        return total == 0 ? 0 : (double)dark / total;
    }

    public static double DarkFraction(EncodedImage render) => DarkFraction(render, Region.WholePage);

    private static bool IsDark(SKColor color) => color.Red + color.Green + color.Blue < 3 * 128;
}
