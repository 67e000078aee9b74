using System.Numerics;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The detector's input scaled by <see cref="OcrResampler"/> gives the pixels Skia's
/// shader gave before it (Catmull-Rom enlarging, trilinear mipmaps shrinking), within a level on average.</summary>
public sealed class OcrResamplerTests
{
    /// <param name="farShare">Share of values allowed to differ by more than 8 levels. Enlarging
    /// is the same filter, rounded differently. Shrinking (and an axis shrunk while the other is
    /// enlarged, where Skia took the cubic for both) is another filter of the same width: under a
    /// level apart on average, 3 % of the values at sharp edges more.</param>
    [Theory]
    [InlineData(640, 400, 960, 608, 0.001)]
    [InlineData(720, 420, 1088, 640, 0.001)]
    [InlineData(1275, 1650, 1120, 1440, 0.05)]
    [InlineData(300, 200, 320, 192, 0.05)]
    public void Scaling_gives_the_pixels_skia_gave(int width, int height, int outWidth, int outHeight, double farShare)
    {
        var raster = TextLike(width, height);
        using var image = new OcrImage(raster);

        var ours = OcrResampler.Resize(raster.Pixels, width, height, outWidth, outHeight);
        var skia = image.Sample(new TextQuad(Vector2.Zero, new Vector2(width, 0), new Vector2(width, height), new Vector2(0, height)), outWidth, outHeight);

        var (sum, far) = (0L, 0);
        for (var i = 0; i < ours.Length; i++)
        {
            if (i % 4 != 3)
            {
                var difference = Math.Abs(ours[i] - skia[i]);
                (sum, far) = (sum + difference, far + (difference > 8 ? 1 : 0));
            }
        }

        var values = ours.Length * 0.75;
        Assert.True(sum / values < 1.0, $"mean difference {sum / values:F2}");
        Assert.True(far < values * farShare, $"{far} of {values} values differ by more than 8");
    }

    [Theory]
    [InlineData(640, 400, 960, 608)]
    [InlineData(1275, 1650, 1120, 1440)]
    [InlineData(3000, 2000, 1440, 960)]
    public void A_uniform_image_stays_uniform_and_opaque(int width, int height, int outWidth, int outHeight)
    {
        var raster = new RgbaRaster(width, height);
        for (var i = 0; i < raster.Pixels.Length; i += 4)
        {
            (raster.Pixels[i], raster.Pixels[i + 1], raster.Pixels[i + 2], raster.Pixels[i + 3]) = (25, 103, 210, 255);
        }

        var scaled = OcrResampler.Resize(raster.Pixels, width, height, outWidth, outHeight);

        Assert.Equal(outWidth * outHeight * 4, scaled.Length);
        Assert.All(scaled.Chunk(4), pixel => Assert.Equal([25, 103, 210, 255], pixel));
    }

    /// <summary>Dark 1-3 px strokes of several colours on white, like anti-aliased small text.</summary>
    internal static RgbaRaster TextLike(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.White);
        using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 1.3f, Style = SKPaintStyle.Stroke };
        var random = new Random(7);
        for (var i = 0; i < width * height / 400; i++)
        {
            paint.Color = new SKColor((byte)random.Next(0, 160), (byte)random.Next(0, 160), (byte)random.Next(0, 160));
            paint.StrokeWidth = 0.8f + (2 * random.NextSingle());
            var (x, y) = (random.Next(width), random.Next(height));
            canvas.DrawLine(x, y, x + random.Next(-12, 12), y + random.Next(-12, 12), paint);
        }

        canvas.Flush();
        return new RgbaRaster(width, height, bitmap.Bytes);
    }
}
