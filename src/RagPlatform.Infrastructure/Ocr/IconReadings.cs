using System.Globalization;
using System.Text;

namespace RagPlatform.Infrastructure.Ocr;

/// <summary>Recognises readings that are a UI icon rather than text. The recogniser knows only
/// characters, so an icon in a screenshot comes out as the character it looks most like: on the
/// real GTK screenshots of the tests, a picture icon as "四" (confidence 0.81 and 0.96), a menu
/// button as "=" (0.92), an annotation icon as a quotation mark (0.69). Confidence does not tell them
/// apart from text, so the rule is about the reading: a single character that is neither a letter
/// nor a digit, or a single ideograph in an image where no line of two or more characters has one.
/// Lone ideographs do not vouch for each other: a menu's icons are read as several of them ("宣" for a
/// document, "四" for a picture; which, and how confidently, changes with a pixel's shift of the box or
/// the int8 networks' rounding, as these shapes lie between the characters the recogniser knows).
/// A lone letter or digit ("x" for a close button, a chart's tick "0") is kept: it may well be text.</summary>
internal static class IconReadings
{
    /// <param name="lines">Every line read in the image, for the script of the rest.</param>
    public static bool IsIcon(string text, IReadOnlyList<string> lines)
    {
        var runes = text.EnumerateRunes().ToArray();
        if (runes.Length != 1)
        {
            return false;
        }

        var rune = runes[0];
        if (!Rune.IsLetterOrDigit(rune))
        {
            return true;
        }

        return IsIdeograph(rune) && !lines.Any(line => line.EnumerateRunes().Skip(1).Any() && line.EnumerateRunes().Any(IsIdeograph));
    }

    private static bool IsIdeograph(Rune rune) =>
        Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherLetter && rune.Value is >= 0x2E80 and <= 0x9FFF or >= 0xF900 and <= 0xFAFF or >= 0x20000 and <= 0x3FFFF;
}
