using Microsoft.Extensions.Logging;
using UglyToad.PdfPig.Logging;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>PdfPig's log, forwarded at debug level, that also counts the glyphs PdfPig could not map
/// to Unicode, per font. That count is the one reliable sign of a font without a Unicode map:
/// PdfPig then substitutes the raw character code, which often looks like plain letters
/// (an Identity-H font turns "Hello" into "+HOOR"), so the text alone cannot tell.</summary>
internal sealed class PdfPigLog(ILogger logger) : ILog
{
    // PdfPig 0.1.16 writes "We could not find the corresponding character with code {code} in font {font.Name}."
    // once per glyph it cannot map; a test pins this so that an upgrade that changes it fails loudly.
    private const string UnmappedPrefix = "We could not find the corresponding character with code ";
    private const string FontMarker = " in font ";

    private readonly Lock sync = new();
    private readonly Dictionary<string, int> unmappedByFont = new(StringComparer.Ordinal);

    /// <summary>Unmapped glyphs per font name (as <c>Letter.FontName</c> spells it) since the last
    /// call, and starts counting afresh.</summary>
    public Dictionary<string, int> TakeUnmappedGlyphCounts()
    {
        lock (sync)
        {
            var counts = new Dictionary<string, int>(unmappedByFont, StringComparer.Ordinal);
            unmappedByFont.Clear();
            return counts;
        }
    }

    public void Debug(string message) => logger.PdfPigMessage(message);

    public void Debug(string message, Exception ex) => logger.PdfPigMessage(message);

    public void Warn(string message)
    {
        if (message.StartsWith(UnmappedPrefix, StringComparison.Ordinal))
        {
            var fontAt = message.IndexOf(FontMarker, UnmappedPrefix.Length, StringComparison.Ordinal);
            var font = fontAt < 0 ? string.Empty : message[(fontAt + FontMarker.Length)..].TrimEnd('.').TrimStart('/');
            lock (sync)
            {
                unmappedByFont[font] = unmappedByFont.GetValueOrDefault(font) + 1;
            }

            return;
        }

        logger.PdfPigMessage(message);
    }

    public void Error(string message) => logger.PdfPigMessage(message);

    public void Error(string message, Exception ex) => logger.PdfPigMessage(message);
}
