using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr.FlatImageLines;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr.FlatImageLines;

/// <summary>Widgets drawn beside labels, as real GTK screenshots have them, leave the image to the
/// detector: <see cref="FlatImageLineFinder"/> took a button's rounded end and a check box for
/// letters and joined them with the labels beside them (Ocr/Screenshots: "A4" read as "4", "Delay"
/// as "De", "Reload Image" as "Reladmt").</summary>
public sealed class FlatImageWidgetTests
{
    private static readonly SKColor Label = new(60, 60, 60);

    [Fact]
    public void The_lines_of_a_flat_image_without_widgets_are_found()
    {
        using var canvas = Form();

        Assert.NotNull(FlatImageLineFinder.Find(Raster(canvas.Finish("form"))));
    }

    [Fact]
    public void A_check_box_beside_its_label_leaves_the_image_to_the_detector()
    {
        using var canvas = Form();
        Outline(canvas, new SKRect(20.5f, 88.5f, 34.5f, 102.5f), radius: 3);
        canvas.Text("Replace spaces with underscores", 42, 100, TestFonts.DejaVuSans, 11, Label);

        Assert.Null(FlatImageLineFinder.Find(Raster(canvas.Finish("check box"))));
    }

    [Fact]
    public void A_button_with_rounded_ends_beside_its_label_leaves_the_image_to_the_detector()
    {
        using var canvas = Form();
        canvas.Text("Delay", 20, 142, TestFonts.DejaVuSans, 11, Label);
        Outline(canvas, new SKRect(60.5f, 120.5f, 180.5f, 154.5f), radius: 4);
        canvas.Text("10", 110, 142, TestFonts.DejaVuSans, 11, Label);

        Assert.Null(FlatImageLineFinder.Find(Raster(canvas.Finish("button"))));
    }

    private static OcrCanvas Form()
    {
        var canvas = new OcrCanvas(320, 180, new SKColor(246, 245, 244));
        canvas.Text("Preferences", 20, 30, TestFonts.DejaVuSansBold, 11, new SKColor(33, 33, 33));
        canvas.Text("Page Size", 20, 62, TestFonts.DejaVuSans, 11, Label);
        return canvas;
    }

    /// <summary>A widget's 1 px border with antialiased round corners.</summary>
    private static void Outline(OcrCanvas canvas, SKRect rectangle, float radius)
    {
        using var paint = new SKPaint { Color = new SKColor(160, 160, 160), IsAntialias = true, IsStroke = true, StrokeWidth = 1 };
        canvas.Canvas.DrawRoundRect(rectangle, radius, radius, paint);
    }

    private static RgbaRaster Raster(OcrSample sample) => new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels;
}
