using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The PP-OCRv5 Latin recogniser (Ocr:Recognizer=Latin) reads the English test images
/// within the bounds the multilingual one is held to (<see cref="PaddleOcrRecognizerTests"/>).</summary>
public sealed class LatinRecognizerTests(OcrLatinRecognizerFixture ocr) : IClassFixture<OcrLatinRecognizerFixture>
{
    [Fact]
    public async Task A_1x_screenshot_reads_its_menu_in_order_and_its_buttons_and_status_bar()
    {
        var sample = OcrSamples.Screenshot();
        var lines = await ocr.ReadAsync(sample);

        AssertErrorRate(sample, lines, 0.05);
        Assert.Equal(["File", "Edit", "View", "Insert", "Format", "Tools", "Help"], lines.Take(7).Select(line => line.Text));
        Assert.Contains(lines, line => line.Text == "Save changes");
        Assert.Contains(lines, line => line.Text == "Last saved 2 minutes ago");
    }

    [Fact]
    public async Task A_bar_chart_reads_its_title_and_labels()
    {
        var sample = OcrSamples.BarChart();
        var texts = (await ocr.ReadAsync(sample)).Select(line => line.Text).ToList();

        Assert.Contains("Monthly active users by region", texts);
        Assert.All(["1000", "750", "903", "277", "North", "Central"], label => Assert.Contains(label, texts));
    }

    [Theory]
    [InlineData(10f)]
    [InlineData(14f)]
    public async Task Text_in_every_font_reads_with_at_most_5_percent_errors(float size)
    {
        var sample = OcrSamples.FontSheet(size);

        AssertErrorRate(sample, await ocr.ReadAsync(sample), 0.05);
    }

    private static void AssertErrorRate(OcrSample sample, IReadOnlyList<RecognizedLine> lines, double bound)
    {
        var rate = OcrScore.MatchedCharacterErrorRate(sample, lines);
        TestContext.Current.SendDiagnosticMessage($"{sample.Name}: character error rate {rate:P2}");
        Assert.True(rate <= bound, $"{sample.Name}: character error rate {rate:P1} > {bound:P0}; read:\n{string.Join('\n', lines.Select(line => line.Text))}");
    }
}
