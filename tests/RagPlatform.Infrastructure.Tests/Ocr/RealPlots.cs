using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;
using RagPlatform.Infrastructure.Ocr;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Charts nobody here drew: 1x plots of Debian's octave-doc (Ocr/Plots, see its README),
/// with transcripts typed by looking at them: every readable line, each tick label an entry of its
/// own. Scored as <see cref="RealScreenshots"/> are (<see cref="LineMatchedCharacterErrorRate"/>),
/// and also by word recall (a tick label is a word; what matters for a search is whether "-2" was
/// read at all) and junk (read lines paired with no transcript line).</summary>
internal static class RealPlots
{
    public static readonly IReadOnlyDictionary<string, string[]> Transcripts = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["octave-hist.png"] =
        [
            "Histogram of 10,000 normally distributed random numbers",
            "1000", "800", "600", "400", "200", "0", "Count",
            "-4", "-2", "0", "2", "4", "Value",
        ],
        ["octave-errorbar.png"] =
        [
            "Errorbar plot of sin (x)",
            "1", "0.5", "0", "-0.5", "-1", "sin (x)",
            "0", "2", "4", "6", "8", "10", "x",
        ],
        ["octave-splinefit6.png"] =
        [
            "2", "1", "0", "-1", "-2",
            "0", "1", "2", "3", "4", "5", "6",
            "data with outliers", "robust, beta = 0.25", "robust, beta = 0.75", "no robust fitting",
        ],
        ["octave-polar.png"] =
        [
            "Example polar plot from 0 to 10*pi",
            "90", "120", "60", "150", "30", "180", "0", "210", "330", "240", "300", "270",
            "40", "30", "20", "10",
        ],
        ["octave-mesh.png"] =
        [
            "3-D Sombrero plot",
            "1", "0.8", "0.6", "0.4", "0.2", "0", "-0.2", "-0.4", "tz",
            "10", "5", "0", "-5", "-10", "ty",
            "-10", "-5", "0", "5", "10", "tx",
        ],
    };

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Ocr", "Plots", file);

    /// <summary>How the recogniser reads the plot, against its transcript.</summary>
    public static async Task<PlotScore> ReadAsync(PaddleOcrRecognizer recognizer, string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(PathOf(file), cancellationToken);
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        var lines = await recognizer.RecognizeAsync(new EncodedImage(bytes, "image/png", codec.Info.Width, codec.Info.Height), cancellationToken);
        return PlotScore.Of(file, Transcripts[file], [.. lines.Select(line => line.Text)]);
    }
}
