using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>OCR on screenshots nobody here drew: help figures of Debian packages (Ocr/Screenshots,
/// see its README), against transcripts typed by looking at them. Lines are paired in whatever
/// order costs fewest edits (<see cref="LineMatchedCharacterErrorRate"/>), as `rag eval` pairs them.
/// Measured with int8 networks (the default): 0.9% (the close button as "x"), 2.0% (the close button,
/// a menu button as "m"), 0.6% (an icon before a label as "=", the view switcher's grid as "88"); with
/// float ones 0.9%, 2.0%, 0.4%; the bound is 5%.</summary>
public sealed class RealScreenshotTests(OcrRecognizerFixture ocr) : IClassFixture<OcrRecognizerFixture>
{
    private static readonly Dictionary<string, string[]> Transcripts = new(StringComparer.Ordinal)
    {
        ["simple-scan-preferences.png"] =
        [
            "Preferences", "Scanning", "Quality", "Scan Sides", "Front", "Back", "Both", "Page Size", "A4",
            "Multiple pages from flatbed", "Delay", "3", "5", "7", "10", "15", "Seconds",
        ],
        ["simple-scan-scan-menu.png"] =
        [
            "Scan", "Document Scanner", "Single Page", "All Pages From Feeder", "Multiple Pages From Flatbed", "Text", "Image", "Preferences",
        ],
        ["evince-annotations.png"] =
        [
            "Page 15", "Page 22", "Rupert Monkey", "Rupert Monkey", "Page 25",
            "There are thousands of people who have contributed to the success",
            "of the GNOME project, including over 3500 people who have made",
            "contributions to the core modules we evaluated. Over the history of",
            "the project, 106 companies have contributed to the project. We can",
            "see from this study which companies are the most significant",
            "contributors to the GNOME project, and in which areas of the",
            "desktop they contribute. A key result is that 70% of the people who",
            "contribute to GNOME do so on their own time, rather than as part of",
            "their job.",
            "This does not include all of the peripheral tasks which get done in",
            "the project, including artwork, web design, administration, event",
        ],
    };

    public static TheoryData<string> Files() => [.. Transcripts.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_screenshot_reads_close_to_its_transcript(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Ocr", "Screenshots", file);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        var lines = await ocr.Recognizer.RecognizeAsync(new EncodedImage(bytes, "image/png", codec.Info.Width, codec.Info.Height), TestContext.Current.CancellationToken);

        var result = LineMatchedCharacterErrorRate.Compute(Transcripts[file], lines.Select(line => line.Text));
        var wrong = result.Lines.Where(line => line.Edits > 0).Select(line => $"\"{line.Reference}\" → \"{line.Read}\"");
        TestContext.Current.SendDiagnosticMessage($"{file}: {result.Edits} edits / {result.ReferenceCharacters} = {result.Rate:P1}; {string.Join("; ", wrong)}");
        Assert.True(result.Rate <= 0.05, $"{file}: {result.Rate:P1}; {string.Join("; ", wrong)}");
    }
}
