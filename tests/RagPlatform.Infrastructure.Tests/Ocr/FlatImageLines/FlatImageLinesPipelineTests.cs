using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.FlatImageLines;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr.FlatImageLines;

/// <summary>The pipeline with <see cref="OcrOptions.FlatImageLines"/> on: a 1x chart's lines come
/// from <see cref="FlatImageLineFinder"/> (no detection), and read as the network's boxes read.</summary>
public sealed class FlatImageLinesPipelineTests(OcrModelFixture ocr) : IClassFixture<OcrModelFixture>
{
    [Fact]
    public void A_1x_bar_chart_with_a_y_axis_title_reads_from_the_flat_lines_with_its_lone_zero()
    {
        var chart = OcrSamples.BarChart();
        using (var canvas = new SKCanvas(chart.Bitmap))
        using (var font = new SKFont(TestFonts.DejaVuSans, 11) { Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.Normal, Subpixel = true })
        using (var paint = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true })
        {
            canvas.Translate(22, 300);
            canvas.RotateDegrees(-90);
            canvas.DrawText("Active users", 0, 0, SKTextAlign.Left, font, paint);
        }

        var raster = new SkiaImageDecoder(long.MaxValue).Decode(chart.Encode()).Pixels;
        var pipeline = new PaddleOcrPipeline(ocr.Model, new OcrOptions { FlatImageLines = true });
        using var image = new OcrImage(raster);

        var boxes = pipeline.Detect(image, TestContext.Current.CancellationToken);
        var texts = pipeline.Read(raster, TestContext.Current.CancellationToken).Select(line => line.Text).ToList();

        Assert.Equal(FlatImageLineFinder.Find(raster), boxes);
        Assert.Contains("0", texts);
        Assert.Contains("Monthly active users by region", texts);
        Assert.True(texts.Contains("Active users"), $"read: {string.Join(" | ", texts)}; boxes: {string.Join(", ", boxes.Select(box => $"[{box.Left:F0}, {box.Top:F0}, {box.Right:F0}, {box.Bottom:F0}]"))}");
        Assert.Contains("Users 2024", texts);
        Assert.All(chart.Lines.Select(line => line.Text), text => Assert.Contains(text, texts));
    }
}
