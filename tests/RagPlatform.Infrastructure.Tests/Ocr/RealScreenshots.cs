using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Screenshots nobody here drew: help figures of Debian packages (Ocr/Screenshots, see its
/// README), with transcripts typed by looking at them (every line that can be read with certainty;
/// a cell of a table, a label beside its icon and a callout's digit are lines of their own). Lines
/// are paired in whatever order costs fewest edits (<see cref="LineMatchedCharacterErrorRate"/>), as
/// `rag eval` pairs them.</summary>
internal static class RealScreenshots
{
    /// <summary>Most character errors a screenshot may read with.</summary>
    public const double MaxErrorRate = 0.05;

    public static readonly IReadOnlyDictionary<string, string[]> Transcripts = new Dictionary<string, string[]>(StringComparer.Ordinal)
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
        ["eog-rename-dialog.png"] =
        [
            "Save As", "File Path Specifications", "Destination folder:", "gnome", "Filename format:", "%f-%n", "as is",
            "%f: original filename", "%n: counter", "Options", "Start counter at:", "0", "Replace spaces with underscores",
            "File Name Preview", "Rename from:", "builder.png", "To:", "builder-1.png", "Cancel", "Save As",
        ],
        ["eog-plugins.png"] =
        [
            "Help", "Preferences", "Image View", "Slideshow", "Plugins",
            "Date in statusbar", "Shows the image date in the window s...",
            "Fullscreen with double-click", "Activate fullscreen mode with double-...",
            "Reload Image", "Reload current image", "Preferences", "About",
        ],
        ["kmplot-popup-menu.png"] =
        [
            "f(x) = x²", "Edit", "Hide", "Remove", "Animate Plot...", "Calculator", "Copy (x, y)", "Copy Root Value", "Plot Area...",
            "Find Maximum...", "Find Minimum...",
        ],
        ["kmplot-coordinates-dialog.png"] =
        [
            "Coordinate System — KmPlot", "Coordinate System",
            "Horizontal axis Range", "Min:", "-8", "Max:", "8", "Vertical axis Range", "Min:", "-8", "Max:", "8",
            "Horizontal axis Grid Spacing", "Automatic", "Custom:", "1", "Vertical axis Grid Spacing", "Automatic", "Custom:", "1",
            "Help", "Defaults", "OK", "Apply", "Cancel",
        ],
    };

    /// <summary>The screenshot's character errors as the recogniser reads it, and the lines it read wrong.</summary>
    public static async Task<(double Rate, string Wrong)> ReadAsync(PaddleOcrRecognizer recognizer, string file, CancellationToken cancellationToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Ocr", "Screenshots", file);
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        var lines = await recognizer.RecognizeAsync(new EncodedImage(bytes, "image/png", codec.Info.Width, codec.Info.Height), cancellationToken);

        var result = LineMatchedCharacterErrorRate.Compute(Transcripts[file], lines.Select(line => line.Text));
        var wrong = result.Lines.Where(line => line.Edits > 0).Select(line => $"\"{line.Reference}\" → \"{line.Read}\"");
        return (result.Rate, $"{file}: {result.Edits} edits / {result.ReferenceCharacters} = {result.Rate:P1}; {string.Join("; ", wrong)}");
    }
}
