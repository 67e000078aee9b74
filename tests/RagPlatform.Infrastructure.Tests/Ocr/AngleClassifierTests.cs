namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>With the 0°/180° classifier switched on, upside-down text is read the right way up and
/// upright text stays as it was.</summary>
public sealed class AngleClassifierTests(OcrRecognizerWithAngleClassifierFixture ocr) : IClassFixture<OcrRecognizerWithAngleClassifierFixture>
{
    [Fact]
    public async Task Upside_down_lines_read_the_right_way_up()
    {
        var sample = OcrSamples.FontSheet(14).UpsideDown();
        var lines = await ocr.ReadAsync(sample);

        var rate = OcrScore.MatchedCharacterErrorRate(sample, lines);
        Assert.True(rate <= 0.05, $"character error rate {rate:P1}; read:\n{string.Join('\n', lines.Select(line => line.Text))}");
    }

    [Fact]
    public async Task Upright_lines_stay_upright()
    {
        var sample = OcrSamples.Screenshot();
        var lines = await ocr.ReadAsync(sample);

        var rate = OcrScore.MatchedCharacterErrorRate(sample, lines);
        Assert.True(rate <= 0.05, $"character error rate {rate:P1}; read:\n{string.Join('\n', lines.Select(line => line.Text))}");
    }
}
