using System.Globalization;
using System.Text;

namespace RagPlatform.Core.Search;

/// <summary>The character rules every lexical index shares, for stored text and queries alike, so that
/// a word is the same word to each engine and to the query parser (<see cref="LexicalQueryTerms"/>).
/// <para>Text is cleaned by <see cref="SearchTextNormalizer"/> and then NFKC-normalised, which undoes the
/// ligatures (ﬁ) and full-width forms that PDFs are full of. Words are runs of letters, digits,
/// private-use characters and marks (so Devanagari vowel signs or decomposed Latin stay inside their
/// words).</para>
/// <para>CJK: an unspaced Chinese or Japanese sentence would otherwise be one word, findable only whole.
/// Every Han, Hiragana and Katakana character is therefore a word of its own (in stored text a zero-width
/// space, <see cref="CjkSeparator"/>, is put on each side of it), and a CJK run in a query is a phrase
/// of its characters: a substring match, as Lucene's CJK unigrams do. Hangul is spaced like Latin text
/// and is left alone.</para></summary>
public static class LexicalRunes
{
    /// <summary>U+200B: a separator to word breakers, invisible if it ever leaks into what users see.
    /// <see cref="SearchTextNormalizer"/> removes every other one, so in stored text each marks a CJK
    /// character.</summary>
    public const char CjkSeparator = '\u200B';

    /// <summary>Text after <see cref="SearchTextNormalizer"/> and NFKC; a lone surrogate becomes U+FFFD.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // string.Normalize throws on lone surrogates, which user input may well contain.
        var valid = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            valid.Append(rune.ToString());
            i += Math.Max(consumed, 1);
        }

        return SearchTextNormalizer.Normalize(valid.ToString()).Normalize(NormalizationForm.FormKC);
    }

    /// <summary>Normalised text (<see cref="Normalize"/>) with <see cref="CjkSeparator"/> on each side of
    /// every CJK character: what an index stores, and cuts snippets from.</summary>
    public static string SeparateCjk(string text)
    {
        var normalized = Normalize(text);
        var builder = new StringBuilder(normalized.Length + 16);
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                builder.Append(CjkSeparator).Append(rune.ToString()).Append(CjkSeparator);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>Stored text as the user should see it: without the separators of <see cref="SeparateCjk"/>.</summary>
    public static string RemoveCjkSeparators(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace(CjkSeparator.ToString(), string.Empty, StringComparison.Ordinal);
    }

    /// <summary>A character of a word: a letter, digit, mark or private-use character.</summary>
    public static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>A CJK character that is a word character (not the Katakana middle dot, say).</summary>
    public static bool IsCjk(Rune rune) => IsWordRune(rune) && rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true, // Hiragana, Katakana
        >= 0x31F0 and <= 0x31FF => true, // Katakana phonetic extensions
        >= 0x3400 and <= 0x4DBF => true, // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true, // CJK unified ideographs
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0x20000 and <= 0x3FFFF => true, // CJK extensions B and later
        _ => false,
    };

    /// <summary>Straight and typographic double quotes (NFKC keeps “ and ” as they are).</summary>
    public static bool IsQuote(Rune rune) => rune.Value is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB';
}
