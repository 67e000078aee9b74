using System.Numerics;
using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>A number read without the dash just left of it gets its minus from the pixels; a dash the
/// recogniser saw, a dash at the wrong height and a line that runs on are left alone.</summary>
public sealed class MinusSignsTests
{
    // A 14 px high "digit" (a filled block, 9 px wide) at x 40-48, y 20-33, and its box as the detector gives it.
    private static readonly TextQuad DigitBox = Box(38, 18, 13, 18);

    [Fact]
    public void A_short_dash_at_mid_height_just_left_of_a_number_is_its_minus()
    {
        var raster = Raster((40, 20, 9, 14), (29, 26, 7, 2));

        var (text, box) = MinusSigns.Extend(raster, "2", DigitBox);

        Assert.Equal("-2", text);
        Assert.True(box.Left <= 29, $"{box.Left}");
        Assert.Equal(DigitBox.Right, box.Right);
    }

    [Fact]
    public void A_number_with_nothing_left_of_it_stays_as_read()
    {
        var raster = Raster((40, 20, 9, 14));

        Assert.Equal(("2", DigitBox), MinusSigns.Extend(raster, "2", DigitBox));
    }

    [Fact]
    public void A_dash_at_the_foot_of_the_digits_is_no_minus()
    {
        var raster = Raster((40, 20, 9, 14), (29, 32, 7, 2));

        Assert.Equal("2", MinusSigns.Extend(raster, "2", DigitBox).Text);
    }

    [Fact]
    public void A_line_that_runs_on_to_the_left_is_no_minus()
    {
        var raster = Raster((40, 20, 9, 14), (0, 26, 36, 2));

        Assert.Equal("2", MinusSigns.Extend(raster, "2", DigitBox).Text);
    }

    [Fact]
    public void Text_that_is_no_number_stays_as_read()
    {
        var raster = Raster((40, 20, 9, 14), (29, 26, 7, 2));

        Assert.Equal("a", MinusSigns.Extend(raster, "a", DigitBox).Text);
    }

    /// <summary>A white 80 × 50 raster with black rectangles (left, top, width, height).</summary>
    private static RgbaRaster Raster(params (int Left, int Top, int Width, int Height)[] inks)
    {
        var raster = new RgbaRaster(80, 50);
        raster.Pixels.AsSpan().Fill(255);
        foreach (var (left, top, width, height) in inks)
        {
            for (var y = top; y < top + height; y++)
            {
                raster.Pixels.AsSpan(((y * 80) + left) * 4, width * 4).Clear();
                for (var x = left; x < left + width; x++)
                {
                    raster.Pixels[(((y * 80) + x) * 4) + 3] = 255;
                }
            }
        }

        return raster;
    }

    private static TextQuad Box(float left, float top, float width, float height) =>
        new(new Vector2(left, top), new Vector2(left + width, top), new Vector2(left + width, top + height), new Vector2(left, top + height));
}
