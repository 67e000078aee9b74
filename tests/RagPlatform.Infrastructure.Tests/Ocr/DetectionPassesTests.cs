using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Where the first detection runs and when it is kept: a large image is detected first at
/// <see cref="OcrOptions.FirstDetectionSide"/> and again only when its text came out small there; a
/// small image is detected first at <see cref="OcrOptions.SmallImageDetectionScale"/>.</summary>
public sealed class DetectionPassesTests(OcrModelFixture ocr) : IClassFixture<OcrModelFixture>
{
    [Fact]
    public void Tall_text_in_a_large_image_keeps_the_first_detection_at_the_first_detection_side()
    {
        var sample = OcrSamples.FontSheet(48);
        using var image = OcrModelFixture.Image(sample);
        var pipeline = new PaddleOcrPipeline(ocr.Model, new OcrOptions { FirstDetectionSide = 960, SmallImageDetectionScale = 0 });

        var first = pipeline.DetectFirst(image, TestContext.Current.CancellationToken);
        var lines = pipeline.Read(new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels, TestContext.Current.CancellationToken);

        Assert.True(Math.Max(sample.Width, sample.Height) > 960, $"the sheet is {sample.Width} × {sample.Height}");
        Assert.Equal(960.0 / Math.Max(sample.Width, sample.Height), first.Scale, 1e-9);
        Assert.Null(first.LargerScale);
        var rate = OcrScore.MatchedCharacterErrorRate(sample, lines);
        Assert.True(rate <= 0.02, $"character error rate {rate:P1}; read:\n{string.Join('\n', lines.Select(line => line.Text))}");
    }

    [Fact]
    public void Small_text_found_at_the_first_detection_side_is_detected_again_larger()
    {
        var sample = OcrSamples.Screenshot();
        using var image = OcrModelFixture.Image(sample);
        var pipeline = new PaddleOcrPipeline(ocr.Model, new OcrOptions { FirstDetectionSide = 360, SmallImageDetectionScale = 0 });

        var first = pipeline.DetectFirst(image, TestContext.Current.CancellationToken);

        Assert.Equal(360.0 / Math.Max(sample.Width, sample.Height), first.Scale, 1e-9);
        Assert.True(first.LargerScale >= 1.25 * first.Scale, $"detected again at {first.LargerScale}");
    }

    [Fact]
    public void A_1x_chart_is_detected_once_at_the_small_image_scale_and_its_lone_zero_is_read()
    {
        var sample = OcrSamples.BarChart();
        using var image = OcrModelFixture.Image(sample);
        var pipeline = new PaddleOcrPipeline(ocr.Model, new OcrOptions { SmallImageDetectionScale = 1.5 });

        var first = pipeline.DetectFirst(image, TestContext.Current.CancellationToken);
        var texts = pipeline.Read(new SkiaImageDecoder(long.MaxValue).Decode(sample.Encode()).Pixels, TestContext.Current.CancellationToken)
            .Select(line => line.Text).ToList();

        Assert.Equal(1.5, first.Scale);
        Assert.Null(first.LargerScale);
        Assert.Contains("0", texts);
        Assert.Contains("Monthly active users by region", texts);
    }

    [Fact]
    public void An_image_too_large_for_the_small_image_scale_is_detected_first_at_its_own()
    {
        var sample = OcrSamples.FontSheet(48);
        using var image = OcrModelFixture.Image(sample);
        var options = new OcrOptions { SmallImageDetectionScale = 1.5 };
        var pipeline = new PaddleOcrPipeline(ocr.Model, options);

        var first = pipeline.DetectFirst(image, TestContext.Current.CancellationToken);

        Assert.True(1.5 * Math.Max(sample.Width, sample.Height) > options.MaxSideLength, $"the sheet is {sample.Width} × {sample.Height}");
        Assert.Equal(1, first.Scale);
    }
}
