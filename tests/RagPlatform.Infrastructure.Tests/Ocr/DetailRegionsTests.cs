using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Which parts of the detector's input <see cref="DetailRegions"/> finds worth detecting,
/// on pixel buffers made here: uniform areas, gradients and straight lines are blank; a small mark
/// of any kind is kept with context around it, however alone.</summary>
public sealed class DetailRegionsTests
{
    private const int Margin = DetailRegions.MarginCells * DetailRegions.CellSize;

    private const int Stride = DetailRegions.Stride;

    [Theory]
    [InlineData(255, 255, 255)]
    [InlineData(0, 0, 0)]
    [InlineData(25, 103, 210)]
    public void A_uniform_image_of_any_colour_has_nothing_to_detect(byte r, byte g, byte b)
    {
        var pixels = new Pixels(640, 416, new SKColor(r, g, b));

        Assert.Empty(DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height)!);
    }

    [Fact]
    public void A_smooth_gradient_has_nothing_to_detect()
    {
        var pixels = new Pixels(640, 416, SKColors.White);
        pixels.Fill(0, 0, 640, 416, (x, y) => new SKColor((byte)(x * 255 / 640), (byte)(y * 255 / 416), 128));

        Assert.Empty(DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height)!);
    }

    [Fact]
    public void Long_lines_bars_and_panels_are_not_detail()
    {
        var pixels = new Pixels(960, 608, SKColors.White);
        pixels.Fill(0, 300, 960, 302, (_, _) => new SKColor(225, 225, 225));
        pixels.Fill(100, 0, 102, 608, (_, _) => new SKColor(60, 60, 60));
        pixels.Fill(300, 200, 390, 500, (_, _) => new SKColor(219, 68, 55));
        pixels.Fill(500, 64, 900, 160, (_, _) => new SKColor(236, 236, 236));

        Assert.Empty(DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height)!);
    }

    [Fact]
    public void A_lone_small_mark_is_kept_with_its_margin_of_context_on_every_side()
    {
        var pixels = new Pixels(1280, 832, SKColors.White);
        pixels.Fill(1000, 700, 1010, 715, (_, _) => new SKColor(90, 90, 90));

        var regions = DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height);

        var region = Assert.Single(regions!);
        Assert.True(region.Contains(new SKRectI(1000 - Margin, 700 - Margin, 1010 + Margin, 715 + Margin)), $"{region}");
        Assert.True(region.Width >= DetailRegions.MinSide && region.Height >= DetailRegions.MinSide, $"{region}");
        Assert.True(region.Width <= DetailRegions.MinSide + Stride && region.Height <= DetailRegions.MinSide + Stride, $"{region}");
    }

    [Fact]
    public void Regions_lie_on_the_grid_of_the_networks_stride()
    {
        var pixels = new Pixels(1280, 832, SKColors.White);
        pixels.Fill(77, 45, 90, 58, (_, _) => SKColors.Black);
        pixels.Fill(640, 500, 700, 512, (x, _) => x % 3 == 0 ? SKColors.Black : SKColors.White);

        var regions = DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height)!;

        Assert.NotEmpty(regions);
        Assert.All(regions, region => Assert.True(region.Left % Stride == 0 && region.Top % Stride == 0 && region.Width % Stride == 0 && region.Height % Stride == 0, $"{region}"));
    }

    [Fact]
    public void Marks_far_apart_give_disjoint_regions_that_hold_each()
    {
        var pixels = new Pixels(1280, 832, SKColors.White);
        SKRectI[] marks = [new(64, 40, 80, 52), new(1100, 60, 1130, 72), new(600, 760, 640, 772)];
        foreach (var mark in marks)
        {
            pixels.Fill(mark.Left, mark.Top, mark.Right, mark.Bottom, (x, _) => x % 2 == 0 ? SKColors.Black : SKColors.White);
        }

        var regions = DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height)!;

        Assert.Equal(3, regions.Count);
        Assert.All(marks, mark => Assert.Contains(regions, region => region.Contains(mark)));
        Assert.All(regions, (region, i) => Assert.All(regions.Skip(i + 1), other => Assert.False(region.IntersectsWith(other), $"{region} and {other}")));
    }

    [Fact]
    public void Detail_over_most_of_the_image_is_detected_whole()
    {
        var pixels = new Pixels(640, 416, SKColors.White);
        var random = new Random(7);
        pixels.Fill(0, 0, 640, 416, (_, _) => new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));

        Assert.Null(DetailRegions.Find(pixels.Rgba, pixels.Width, pixels.Height));
    }

    /// <summary>An RGBA buffer drawn pixel by pixel.</summary>
    private sealed class Pixels
    {
        public Pixels(int width, int height, SKColor background)
        {
            (Width, Height) = (width, height);
            Rgba = new byte[width * height * 4];
            Fill(0, 0, width, height, (_, _) => background);
        }

        public int Width { get; }

        public int Height { get; }

        public byte[] Rgba { get; }

        /// <summary>Sets the pixels of [left, right) × [top, bottom) to what <paramref name="colour"/> gives for each.</summary>
        public void Fill(int left, int top, int right, int bottom, Func<int, int, SKColor> colour)
        {
            for (var y = top; y < bottom; y++)
            {
                for (var x = left; x < right; x++)
                {
                    var c = colour(x, y);
                    var i = ((y * Width) + x) * 4;
                    (Rgba[i], Rgba[i + 1], Rgba[i + 2], Rgba[i + 3]) = (c.Red, c.Green, c.Blue, 255);
                }
            }
        }
    }
}
