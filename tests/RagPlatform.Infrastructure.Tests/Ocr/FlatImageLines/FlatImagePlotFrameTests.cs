using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr.FlatImageLines;

/// <summary>A plot drawn as octave draws its figures (1 px frame, ticks standing 6 px into it on all
/// four sides in a shade of their own that breaks the frame's runs, tick labels of 15 px digits a few pixels
/// off the frame, scatter markers of a few pixels): the finder gives a box to each label and none
/// to a tick, a frame corner or a marker. Each of those was read as text on the real plots
/// ("T", "L", "100上", "++").</summary>
public sealed class FlatImagePlotFrameTests
{
    private static readonly SKColor Frame = new(38, 38, 38);
    private static readonly SKColor Tick = new(40, 40, 40);
    private static readonly SKColor Label = new(38, 38, 38);
    private static readonly SKColor Marker = new(0, 114, 189);

    /// <summary>Octave's label size: its digits are 15 px high.</summary>
    private const float LabelSize = 20;

    [Fact]
    public void A_framed_plot_gives_boxes_to_its_tick_labels_only()
    {
        using var canvas = new OcrCanvas(440, 300, SKColors.White);
        DrawFrame(canvas, left: 60, top: 20, right: 400, bottom: 250);
        foreach (var (text, y) in new[] { ("100", 60), ("50", 140), ("0", 220) })
        {
            canvas.Text(text, 52 - OcrCanvas.Measure(text, TestFonts.DejaVuSans, LabelSize), y + 7, TestFonts.DejaVuSans, LabelSize, Label);
        }

        foreach (var (text, x) in new[] { ("0", 100), ("5", 200), ("10", 300) })
        {
            canvas.Text(text, x - (OcrCanvas.Measure(text, TestFonts.DejaVuSans, LabelSize) / 2), 276, TestFonts.DejaVuSans, LabelSize, Label);
        }

        // Two touching markers (one component, 6 × 5 px) and two a few pixels apart at different heights.
        canvas.Rectangle(new SKRect(200, 120, 203, 123), Marker);
        canvas.Rectangle(new SKRect(203, 122, 206, 125), Marker);
        canvas.Rectangle(new SKRect(250, 150, 253, 153), Marker);
        canvas.Rectangle(new SKRect(256, 152, 259, 155), Marker);
        var sample = canvas.Finish("framed plot");

        var boxes = FlatImageLineFinderTests.Find(sample);

        FlatImageLineFinderTests.AssertEachLineHasItsOwnBox(sample.Lines.Select(line => line.Bounds), boxes);
    }

    /// <summary>The frame's sides, and ticks on every side at the labels' places and once more 20 px
    /// before each far corner: the rule's end after that tick is shorter than a long run, so it and
    /// the corner are ink of their own, as on the real plots.</summary>
    private static void DrawFrame(OcrCanvas canvas, int left, int top, int right, int bottom)
    {
        canvas.Line(left, top, right, top, Frame);
        canvas.Line(left, bottom, right, bottom, Frame);
        canvas.Line(left, top, left, bottom, Frame);
        canvas.Line(right, top, right, bottom, Frame);
        foreach (var x in new[] { 100, 200, 300, right - 20 })
        {
            canvas.Line(x, bottom, x, bottom - 6, Tick);
            canvas.Line(x, top, x, top + 6, Tick);
        }

        foreach (var y in new[] { 60, 140, 220, bottom - 20 })
        {
            canvas.Line(left, y, left + 6, y, Tick);
            canvas.Line(right, y, right - 6, y, Tick);
        }
    }
}
