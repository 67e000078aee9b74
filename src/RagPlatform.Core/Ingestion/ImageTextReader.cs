using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>Reads the text inside images for ingestion. OCR adds to a document; it never fails it:
/// without the recogniser, or on an image it cannot read, the image is indexed without its text.</summary>
public sealed partial class ImageTextReader(ITextRecognizer recognizer, ILogger<ImageTextReader> logger)
{
    public bool IsAvailable => recognizer.IsAvailable;

    /// <summary>The lines of the image in reading order; none when OCR is off or the image is unreadable.</summary>
    public async Task<IReadOnlyList<RecognizedLine>> ReadAsync(EncodedImage image, CancellationToken cancellationToken)
    {
        if (!recognizer.IsAvailable)
        {
            return [];
        }

        try
        {
            var lines = await recognizer.RecognizeAsync(image, cancellationToken);
            return [.. lines.Select(line => line with { Text = OcrHexPrefix.Repair(line.Text) })];
        }
        catch (DocumentRejectedException ex)
        {
            LogUnreadable(ex.Message);
            return [];
        }
    }

    /// <summary>The lines as one text (one line each), or null when there are none.</summary>
    public static string? Join(IReadOnlyList<RecognizedLine> lines) =>
        lines.Count == 0 ? null : string.Join('\n', lines.Select(l => l.Text));

    /// <summary>OCR lines as words for the chunker: one line is one unit with its box, and each line
    /// is its own block, so chunks prefer to end at line ends.</summary>
    public static IReadOnlyList<ExtractedWord> AsWords(IReadOnlyList<RecognizedLine> lines) =>
        lines.Select((line, index) => new ExtractedWord(line.Text, line.Box, index)).ToList();

    [LoggerMessage(Level = LogLevel.Warning, Message = "OCR skipped an image it could not read: {Reason}")]
    private partial void LogUnreadable(string reason);
}
