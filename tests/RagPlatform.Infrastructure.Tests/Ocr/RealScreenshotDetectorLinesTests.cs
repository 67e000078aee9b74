namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>OCR on <see cref="RealScreenshots"/> with every image's lines found by the detector
/// network (<see cref="RagPlatform.Infrastructure.Ocr.OcrOptions.FlatImageLines"/> off), as before
/// the flat images' lines were found from their pixels: the network's own reading of them.</summary>
public sealed class RealScreenshotDetectorLinesTests(OcrRecognizerWithoutFlatImageLinesFixture ocr) : IClassFixture<OcrRecognizerWithoutFlatImageLinesFixture>
{
    public static TheoryData<string> Files() => [.. RealScreenshots.Transcripts.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_screenshot_reads_close_to_its_transcript_from_the_detectors_lines(string file)
    {
        var (rate, wrong) = await RealScreenshots.ReadAsync(ocr.Recognizer, file, TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(wrong);
        Assert.True(rate <= RealScreenshots.MaxErrorRate, wrong);
    }
}
