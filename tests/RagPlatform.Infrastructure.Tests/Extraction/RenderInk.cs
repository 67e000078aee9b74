using RagPlatform.Core.Documents;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>Looks at a page render, decoded once, to check that boxes line up with what is drawn.</summary>
internal sealed class RenderInk
{
    private readonly SKColor[] pixels;
    private readonly int width;
    private readonly int height;

    public RenderInk(EncodedImage render)
    {
        using var bitmap = TestImages.Decode(render.Data);
        (pixels, width, height) = (bitmap.Pixels, bitmap.Width, bitmap.Height);
    }

    /// <summary>Fraction of the pixels of the whole render that are dark.</summary>
    public static double DarkFraction(EncodedImage render) => new RenderInk(render).DarkFraction(Region.WholePage);

    public static double DarkFraction(EncodedImage render, Region region) => new RenderInk(render).DarkFraction(region);

    /// <summary>Fraction of the pixels inside the region that are dark (text ink on white paper).</summary>
    public double DarkFraction(Region region)
    {
        var left = (int)Math.Floor(region.X * width);
        var top = (int)Math.Floor(region.Y * height);
        var right = Math.Min(width, (int)Math.Ceiling(region.Right * width));
        var bottom = Math.Min(height, (int)Math.Ceiling(region.Bottom * height));

        var dark = 0;
        var total = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                total++;
                var color = pixels[(y * width) + x];
                if (color.Red + color.Green + color.Blue < 3 * 128)
                {
                    dark++;
                }
            }
        }

        return total == 0 ? 0 : (double)dark / total;
    }
}
