using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Detection on the <see cref="DetailRegions"/> only (<see cref="OcrOptions.SkipBlankAreas"/>):
/// what the whole image gives is still read, a lone small label included, with fewer pixels fed to the detector.</summary>
public sealed class BlankAreaSkippingTests(OcrModelFixture ocr) : IClassFixture<OcrModelFixture>
{
    [Fact]
    public void A_lone_small_label_in_a_large_blank_image_is_still_read()
    {
        using var canvas = new OcrCanvas(1200, 800, SKColors.White);
        canvas.Text("0", 930, 655, TestFonts.DejaVuSans, 10, new SKColor(90, 90, 90));
        canvas.Text("Quarterly revenue", 80, 60, TestFonts.DejaVuSans, 11, new SKColor(40, 40, 40));
        var sample = canvas.Finish("lone label");

        var texts = Read(sample, new OcrOptions { SkipBlankAreas = true });

        Assert.Contains("0", texts);
        Assert.Contains("Quarterly revenue", texts);
    }

    [Fact]
    public void A_blank_image_of_any_colour_feeds_the_detector_nothing()
    {
        using var canvas = new OcrCanvas(800, 600, new SKColor(25, 103, 210));

        Assert.Empty(Read(canvas.Finish("blank"), new OcrOptions { SkipBlankAreas = true }));
    }

    [Fact]
    public void A_chart_and_a_screenshot_read_the_same_lines_as_when_detected_whole()
    {
        foreach (var sample in new[] { OcrSamples.BarChart(), OcrSamples.Screenshot() })
        {
            var whole = Read(sample, new OcrOptions());
            var skipping = Read(sample, new OcrOptions { SkipBlankAreas = true });

            Assert.Equal(whole.Order(), skipping.Order());
        }
    }

    [Fact]
    public void Large_letters_whose_stems_are_long_straight_edges_are_still_read()
    {
        // Straight edges of 40 px or more are not counted as detail (rules, bars, panels): a
        // headline's stems are such edges, and its letters must still be found by their other edges.
        using var canvas = new OcrCanvas(1600, 1000, SKColors.White);
        canvas.Text("THE HOME MENU", 120, 300, TestFonts.DejaVuSans, 160, SKColors.Black);
        canvas.Text("Filed under internal review", 120, 820, TestFonts.DejaVuSans, 11, new SKColor(60, 60, 60));
        var sample = canvas.Finish("headline");

        var whole = Read(sample, new OcrOptions());
        var skipping = Read(sample, new OcrOptions { SkipBlankAreas = true });

        Assert.Contains("THE HOME MENU", string.Join(" ", skipping), StringComparison.Ordinal);
        Assert.Equal(whole.Order(), skipping.Order());
    }

    private List<string> Read(OcrSample sample, OcrOptions options) =>
        [.. new PaddleOcrPipeline(ocr.Model, options)
            .Read(new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels, TestContext.Current.CancellationToken)
            .Select(line => line.Text)];
}
