using System.Numerics;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Upright enlarged line crops cut by <see cref="UprightCubicCrop"/> give the recogniser the
/// values Skia's shader and <see cref="OcrTensors.WriteLine"/> gave, on real screenshots and on
/// drawn strokes, boxes at fractional positions and over the image's edges, enlarged along both axes
/// or squeezed along the line (Skia takes the cubic filter when either axis is enlarged).</summary>
public sealed class UprightCubicCropTests
{
    [Theory]
    [InlineData("eog-plugins.png")]
    [InlineData("evince-annotations.png")]
    [InlineData("kmplot-popup-menu.png")]
    [InlineData("simple-scan-preferences.png")]
    [InlineData(null)]
    public void Upright_crops_give_the_values_skia_gave(string? screenshot)
    {
        var raster = screenshot is null ? OcrResamplerTests.TextLike(640, 400) : Decode(screenshot);
        using var image = new OcrImage(raster);
        var random = new Random(11);
        var (values, differing, largest) = (0L, 0L, 0);
        for (var i = 0; i < 150; i++)
        {
            var box = RandomBox(random, raster.Width, raster.Height);
            // Mostly the recogniser's widths; now and then the line squeezed, as the classifier's windows are.
            var width = random.Next(4) == 0 ? Math.Max(8, (int)(box.Width / 2)) : TextLineRecognizer.LineWidth(box, 2000, stretch: 1.2f);
            var slotWidth = width + random.Next(0, 20);
            var skia = new float[3 * TextLineRecognizer.LineHeight * slotWidth];
            var ours = new float[skia.Length];
            Array.Fill(ours, 5f); // whatever the slot held before: the padding must come out 0
            var pixels = image.Sample(box, width, TextLineRecognizer.LineHeight);
            OcrTensors.WriteLine(pixels, width, TextLineRecognizer.LineHeight, skia, slotWidth);

            // No byte buffer: a crop that went to Skia instead would throw.
            image.WriteLine(box, width, TextLineRecognizer.LineHeight, ours, slotWidth, []);

            for (var j = 0; j < skia.Length; j++)
            {
                var difference = Math.Abs(Level(ours[j]) - Level(skia[j]));
                (differing, largest) = (differing + (difference > 0 ? 1 : 0), Math.Max(largest, difference));
            }

            values += skia.Length;
        }

        Assert.True(differing == 0, $"{differing} of {values} values differ, by up to {largest} levels");
    }

    /// <summary>An upright box 6-40 pixels high at a fractional position, a few lying over the edges.</summary>
    private static TextQuad RandomBox(Random random, int width, int height)
    {
        var boxHeight = 6 + (34 * random.NextSingle());
        var boxWidth = boxHeight * (0.5f + (10 * random.NextSingle()));
        var left = (random.NextSingle() * (width + 20)) - 10 - (boxWidth / 2);
        var top = (random.NextSingle() * (height + 10)) - 5 - (boxHeight / 2);
        return new TextQuad(new Vector2(left, top), new Vector2(left + boxWidth, top), new Vector2(left + boxWidth, top + boxHeight), new Vector2(left, top + boxHeight));
    }

    /// <summary>A value of a slot back as the byte it was made from.</summary>
    private static int Level(float value) => (int)MathF.Round((value + 1) * 127.5f);

    private static RgbaRaster Decode(string file)
    {
        using var decoded = SKBitmap.Decode(Path.Combine(AppContext.BaseDirectory, "Ocr", "Screenshots", file));
        using var bitmap = decoded.Copy(SKColorType.Rgba8888);
        return new RgbaRaster(bitmap.Width, bitmap.Height, bitmap.Bytes);
    }
}
