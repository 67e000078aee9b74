namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>OCR on <see cref="RealScreenshots"/> with the lines of flat images found from their
/// pixels (<see cref="RagPlatform.Infrastructure.Ocr.OcrOptions.FlatImageLines"/> on).</summary>
public sealed class RealScreenshotFlatImageLinesTests(OcrRecognizerWithFlatImageLinesFixture ocr) : IClassFixture<OcrRecognizerWithFlatImageLinesFixture>
{
    public static TheoryData<string> Files() => [.. RealScreenshots.Transcripts.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_screenshot_reads_close_to_its_transcript_from_the_flat_lines(string file)
    {
        var (rate, wrong) = await RealScreenshots.ReadAsync(ocr.Recognizer, file, TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(wrong);
        Assert.True(rate <= RealScreenshots.MaxErrorRate, wrong);
    }
}
