namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>OCR on <see cref="RealScreenshots"/> with <see cref="RagPlatform.Infrastructure.Ocr.OcrOptions.FlatImageLines"/>
/// on (the default): each of them holds something the line finder cannot judge (a widget, a
/// picture, a drop shadow), and must still read as well as the network reads it.</summary>
public sealed class RealScreenshotFlatImageLinesTests(OcrRecognizerWithFlatImageLinesFixture ocr) : IClassFixture<OcrRecognizerWithFlatImageLinesFixture>
{
    public static TheoryData<string> Files() => [.. RealScreenshots.Transcripts.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_screenshot_reads_close_to_its_transcript_with_flat_image_lines_on(string file)
    {
        var (rate, wrong) = await RealScreenshots.ReadAsync(ocr.Recognizer, file, TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(wrong);
        Assert.True(rate <= RealScreenshots.MaxErrorRate, wrong);
    }
}
