namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>OCR with the default settings on <see cref="RealScreenshots"/>. Measured with int8
/// networks (the default): 0.9% (the close button as "x"), 2.0% (the close button, a menu button as
/// "m"), 0.6% (an icon before a label as "=", the view switcher's grid as "88"); with float ones
/// 0.9%, 2.0%, 0.4%; the bound is 5%.</summary>
public sealed class RealScreenshotTests(OcrRecognizerFixture ocr) : IClassFixture<OcrRecognizerFixture>
{
    public static TheoryData<string> Files() => [.. RealScreenshots.Transcripts.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_screenshot_reads_close_to_its_transcript(string file)
    {
        var (rate, wrong) = await RealScreenshots.ReadAsync(ocr.Recognizer, file, TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(wrong);
        Assert.True(rate <= RealScreenshots.MaxErrorRate, wrong);
    }
}
