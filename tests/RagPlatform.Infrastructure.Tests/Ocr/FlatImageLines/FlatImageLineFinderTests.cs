using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.FlatImageLines;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr.FlatImageLines;

/// <summary>Which lines <see cref="FlatImageLineFinder"/> finds on images drawn here with Skia at
/// screen sizes: each drawn line in one box, nothing for bars, gridlines, axes and swatches, a
/// chart's turned y-axis title as one vertical box, and nothing at all (the network's turn) for an
/// image that is not flat.</summary>
public sealed class FlatImageLineFinderTests
{
    private static readonly SKColor Grey = new(90, 90, 90);

    [Fact]
    public void Lines_of_10_and_11_px_text_are_found_one_box_each()
    {
        using var canvas = new OcrCanvas(420, 120, SKColors.White);
        canvas.Text("Quarterly revenue report", 20, 30, TestFonts.DejaVuSans, 11, new SKColor(33, 33, 33));
        canvas.Text("Cancel", 300, 30, TestFonts.DejaVuSans, 11, new SKColor(33, 33, 33));
        canvas.Text("Updated 5 minutes ago", 20, 70, TestFonts.DejaVuSans, 10, Grey);
        var sample = canvas.Finish("lines");

        var boxes = Find(sample);

        AssertEachLineHasItsOwnBox(sample.Lines.Select(line => line.Bounds), boxes);
    }

    [Fact]
    public void A_bar_chart_gives_a_box_for_each_label_and_none_for_its_bars_gridlines_axes_or_legend_swatch()
    {
        var sample = OcrSamples.BarChart();

        var boxes = Find(sample);

        AssertEachLineHasItsOwnBox(sample.Lines.Select(line => line.Bounds), boxes);
    }

    [Fact]
    public void A_y_axis_title_turned_a_quarter_is_one_vertical_box()
    {
        using var canvas = new OcrCanvas(360, 320, SKColors.White);
        canvas.Text("Quarterly figures", 80, 30, TestFonts.DejaVuSans, 14, SKColors.Black);
        canvas.Line(60, 60, 60, 290, new SKColor(60, 60, 60));
        canvas.Line(60, 290, 340, 290, new SKColor(60, 60, 60));
        canvas.Rectangle(new SKRect(100, 150, 140, 290), new SKColor(66, 133, 244));
        canvas.Rectangle(new SKRect(200, 100, 240, 290), new SKColor(219, 68, 55));
        canvas.Canvas.Save();
        canvas.Canvas.Translate(30, 260);
        canvas.Canvas.RotateDegrees(-90);
        var turned = canvas.Text("Rainfall in millimetres", 0, 0, TestFonts.DejaVuSans, 11, Grey, record: false);
        canvas.Canvas.Restore();
        var sample = canvas.Finish("axis title");

        var boxes = Find(sample);

        // Turned by −90° about (30, 260): (x, y) → (30 + y, 260 − x).
        var title = new SKRect(30 + turned.Top, 260 - turned.Right, 30 + turned.Bottom, 260 - turned.Left);
        var verticals = boxes.FindAll(box => box.Height >= 1.5f * box.Width);
        Assert.True(verticals.Count == 1, $"{verticals.Count} vertical boxes; title at {title}; boxes: {string.Join(", ", boxes.Select(Describe))}");
        var vertical = verticals[0];
        Assert.True(Covers(vertical, title, 1), $"{Describe(vertical)} does not cover the title at {title}");
        AssertEachLineHasItsOwnBox([sample.Lines[0].Bounds, title], boxes);
    }

    [Fact]
    public void A_lone_zero_tick_label_beside_the_axes_gets_a_box_that_hugs_it()
    {
        using var canvas = new OcrCanvas(240, 160, SKColors.White);
        canvas.Line(70, 20, 70, 120, new SKColor(60, 60, 60));
        canvas.Line(70, 120, 220, 120, new SKColor(60, 60, 60));
        canvas.Line(70, 70, 220, 70, new SKColor(225, 225, 225));
        canvas.Text("0", 62 - OcrCanvas.Measure("0", TestFonts.DejaVuSans, 10), 124, TestFonts.DejaVuSans, 10, Grey);
        var sample = canvas.Finish("lone zero");

        var box = Assert.Single(Find(sample));

        var zero = sample.Lines[0].Bounds;
        Assert.True(Covers(box, zero, 1), $"{Describe(box)} does not cover the 0 at {zero}");
        Assert.True(box.Width <= zero.Width + 3 && box.Height <= zero.Height + 3, $"{Describe(box)} is loose around the 0 at {zero}");
        Assert.True(box.Height < 1.5f * box.Width, $"{Describe(box)} would be read as vertical text");
    }

    [Fact]
    public void Light_text_on_a_dark_theme_panel_and_a_button_is_found()
    {
        using var canvas = new OcrCanvas(480, 260, new SKColor(245, 245, 245));
        canvas.Text("Settings", 40, 28, TestFonts.DejaVuSansBold, 11, new SKColor(33, 33, 33));
        canvas.Rectangle(new SKRect(30, 40, 450, 240), new SKColor(30, 30, 30));
        var light = new SKColor(220, 220, 220);
        canvas.Text("Theme: dark", 50, 70, TestFonts.DejaVuSans, 11, light);
        canvas.Text("Font size 11 px", 50, 96, TestFonts.DejaVuSans, 11, light);
        canvas.Line(50, 110, 430, 110, new SKColor(70, 70, 70));
        canvas.Text("Sync every 15 minutes", 50, 130, TestFonts.DejaVuSans, 10, new SKColor(160, 160, 160));
        canvas.Rectangle(new SKRect(50, 180, 170, 206), new SKColor(25, 103, 210));
        canvas.Text("Apply changes", 62, 197, TestFonts.DejaVuSans, 11, SKColors.White);
        var sample = canvas.Finish("dark panel");

        var boxes = Find(sample);

        AssertEachLineHasItsOwnBox(sample.Lines.Select(line => line.Bounds), boxes);
    }

    [Fact]
    public void An_image_of_noise_is_not_flat_and_is_left_to_the_detector()
    {
        var random = new Random(7);
        var pixels = new byte[320 * 200 * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4)
        {
            pixels[i] = 255;
        }

        Assert.Null(FlatImageLineFinder.Find(new RgbaRaster(320, 200, pixels)));
    }

    [Fact]
    public void A_flat_image_with_a_picture_larger_than_text_is_left_to_the_detector()
    {
        using var canvas = new OcrCanvas(400, 240, SKColors.White);
        canvas.Text("Profile picture", 20, 30, TestFonts.DejaVuSans, 11, Grey);
        var random = new Random(3);
        for (var y = 60; y < 140; y++)
        {
            for (var x = 20; x < 100; x++)
            {
                canvas.Rectangle(new SKRect(x, y, x + 1, y + 1), new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
            }
        }

        Assert.Null(FlatImageLineFinder.Find(Raster(canvas.Finish("picture"))));
    }

    internal static List<TextQuad> Find(OcrSample sample) =>
        [.. FlatImageLineFinder.Find(Raster(sample)) ?? throw new Xunit.Sdk.XunitException($"{sample.Name} was not taken for a flat image")];

    private static RgbaRaster Raster(OcrSample sample) => new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels;

    /// <summary>Each line is covered by a box of its own, and each box covers some line.</summary>
    internal static void AssertEachLineHasItsOwnBox(IEnumerable<SKRect> lines, List<TextQuad> boxes)
    {
        var all = string.Join(", ", boxes.Select(Describe));
        var owners = new HashSet<int>();
        foreach (var line in lines)
        {
            var owner = boxes.FindIndex(box => Covers(box, line, 1));
            Assert.True(owner >= 0, $"no box covers the line at {line}; boxes: {all}");
            Assert.True(owners.Add(owner), $"{Describe(boxes[owner])} covers two lines; boxes: {all}");
        }

        Assert.True(boxes.Count == owners.Count, $"{boxes.Count - owners.Count} boxes cover no line; boxes: {all}");
    }

    /// <summary>Whether the box covers the rectangle, up to <paramref name="slack"/> pixels on each side
    /// (Skia's measured ink box and the pixels its antialiasing touches differ by a fraction of a pixel).</summary>
    private static bool Covers(TextQuad box, SKRect rectangle, float slack) =>
        box.Left <= rectangle.Left + slack && box.Top <= rectangle.Top + slack && box.Right >= rectangle.Right - slack && box.Bottom >= rectangle.Bottom - slack;

    private static string Describe(TextQuad box) => $"[{box.Left:F0}, {box.Top:F0}, {box.Right:F0}, {box.Bottom:F0}]";
}
