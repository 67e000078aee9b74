using System.Globalization;
using UglyToad.PdfPig.Content;

namespace RagPlatform.Infrastructure.Extraction;

/// <summary>Recognises characters that are no text: what PDF producers emit when a font has no
/// Unicode map.</summary>
internal static class UnmappableText
{
    /// <summary>A glyph's value is unmappable when it is empty, or holds U+FFFD, a control character,
    /// or a private-use character (symbol fonts and unmapped subsets land there).</summary>
    public static bool IsUnmappable(string value)
    {
        if (value.Length == 0)
        {
            return true;
        }

        foreach (var c in value)
        {
            if (c == '\uFFFD' || char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.PrivateUse ||
                IsSupplementaryPrivateUseHighSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Fonts that PdfPig could not map for more than half of the glyphs it drew with them:
    /// whatever text it produced for those fonts is raw character codes, however plausible it looks.</summary>
    public static HashSet<string> FindUnmappedFonts(IReadOnlyList<Letter> letters, IReadOnlyDictionary<string, int> unmappedGlyphsByFont)
    {
        var fonts = new HashSet<string>(StringComparer.Ordinal);
        if (unmappedGlyphsByFont.Count == 0)
        {
            return fonts;
        }

        var glyphsByFont = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var letter in letters)
        {
            var font = letter.FontName ?? string.Empty;
            glyphsByFont[font] = glyphsByFont.GetValueOrDefault(font) + 1;
        }

        foreach (var (font, unmapped) in unmappedGlyphsByFont)
        {
            if (unmapped * 2 > glyphsByFont.GetValueOrDefault(font))
            {
                fonts.Add(font);
            }
        }

        return fonts;
    }

    // Planes 15 and 16 (U+F0000..U+10FFFF) are private use; their high surrogates are U+DB80..U+DBFF.
    private static bool IsSupplementaryPrivateUseHighSurrogate(char c) => c is >= '\uDB80' and <= '\uDBFF';
}
