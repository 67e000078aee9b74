using System.Text.RegularExpressions;

namespace RagPlatform.Core.Ingestion;

/// <summary>Mends the hexadecimal prefix that OCR reads as a letter: "Ox7FFF" or "OX1F" for "0x7FFF"
/// and "0x1F". Only a whole word that is O, x and then nothing but two or more hex digits is mended,
/// so "Oxford", "Oxide" or "OxA" stay as they are.</summary>
internal static partial class OcrHexPrefix
{
    public static string Repair(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Contains('O', StringComparison.Ordinal) ? MisreadPrefix().Replace(text, "0x") : text;
    }

    // Not after a letter, digit or underscore; followed by 2+ hex digits and then no word character.
    [GeneratedRegex(@"(?<![\p{L}\p{N}_])O[xX](?=[0-9A-Fa-f]{2,}(?![\p{L}\p{N}_]))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex MisreadPrefix();
}
