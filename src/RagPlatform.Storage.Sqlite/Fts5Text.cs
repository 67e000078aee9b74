using System.Globalization;
using System.Text;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Turns text into what the FTS5 table indexes, and user input into a safe MATCH expression.
/// <para>The table's tokenizer (migration 3) is unicode61 with remove_diacritics 2 (résumé = resume) and token
/// characters L* N* Co M* (mirrored by <see cref="IsTokenRune"/>): combining marks stay inside words, so Devanagari or decomposed Latin is not
/// cut apart. Text is NFKC-normalised first, which also undoes the ligatures (ﬁ) and full-width forms
/// that PDFs are full of, after <see cref="SearchTextNormalizer"/> has removed the zero-width characters
/// that would split a word.</para>
/// <para>CJK: unicode61 would make a whole unspaced Chinese or Japanese sentence one token, findable
/// only whole. Every Han, Hiragana and Katakana character is therefore indexed as its own token (a
/// zero-width space, a separator to unicode61, is put around it), and a CJK run in a query becomes a
/// phrase of its characters: a substring match, as Lucene's CJK unigrams do. Hangul is spaced like
/// Latin text and is left alone.</para></summary>
internal static class Fts5Text
{
    /// <summary>U+200B: a separator to unicode61 (category Cf), invisible if it ever leaks.</summary>
    private const char CjkBoundary = '\u200B';

    /// <summary>More terms than this adds nothing to ranking and only costs time.</summary>
    private const int MaxQueryTerms = 64;

    public static string ToIndexedText(string text)
    {
        var normalized = Normalize(text);
        var builder = new StringBuilder(normalized.Length + 16);
        foreach (var rune in normalized.EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                builder.Append(CjkBoundary).Append(rune.ToString()).Append(CjkBoundary);
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>The snippet as the user should see it: without the boundaries added for CJK.</summary>
    public static string ToDisplayText(string indexedText) => indexedText.Replace(CjkBoundary.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>The MATCH expressions of a user's query: any of its terms (OR), each a quoted FTS5
    /// string so that no character of the input can act as FTS5 syntax. A term is a word, a CJK run
    /// (a phrase of its characters) or a "quoted phrase" (its words adjacent, in order; an unclosed
    /// quote runs to the end). Null when the input has no words at all.</summary>
    public static Fts5Query? ToQuery(string userText)
    {
        var exact = new List<string>();
        var stemmed = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var word = new StringBuilder();
        var cjkRun = new List<string>();
        var phrase = new List<string>();
        var inPhrase = false;

        void Flush()
        {
            if (word.Length > 0)
            {
                Add(word.ToString(), isWord: true);
                word.Clear();
            }

            if (cjkRun.Count > 0)
            {
                // Characters of a CJK run stay adjacent: a phrase of single-character tokens.
                Add(string.Join(' ', cjkRun), isWord: true);
                cjkRun.Clear();
            }
        }

        void Add(string term, bool isWord)
        {
            if (inPhrase && isWord)
            {
                phrase.Add(term);
                return;
            }

            // Only token characters and spaces reach here, so there is no '"' to escape. A phrase
            // is looked up as written only: quoting a phrase asks for exactly those words.
            if (exact.Count < MaxQueryTerms && seen.Add(isWord ? term : $"\"{term}\""))
            {
                exact.Add($"\"{term}\"");
                if (isWord)
                {
                    stemmed.Add($"\"{term}\"");
                }
            }
        }

        void ClosePhrase()
        {
            Flush();
            inPhrase = false;
            if (phrase.Count > 0)
            {
                Add(string.Join(' ', phrase), isWord: false);
                phrase.Clear();
            }
        }

        foreach (var rune in Normalize(userText).EnumerateRunes())
        {
            if (IsQuote(rune))
            {
                if (inPhrase)
                {
                    ClosePhrase();
                }
                else
                {
                    Flush();
                    inPhrase = true;
                }
            }
            else if (IsCjk(rune))
            {
                if (word.Length > 0)
                {
                    Flush();
                }

                cjkRun.Add(rune.ToString());
            }
            else if (IsTokenRune(rune))
            {
                if (cjkRun.Count > 0)
                {
                    Flush();
                }

                word.Append(rune.ToString());
            }
            else
            {
                Flush();
            }
        }

        ClosePhrase();
        return exact.Count == 0
            ? null
            : new Fts5Query(string.Join(" OR ", exact), stemmed.Count == 0 ? null : string.Join(" OR ", stemmed), stemmed.Count < exact.Count);
    }

    /// <summary>Straight and typographic double quotes (NFKC keeps “ and ” as they are).</summary>
    private static bool IsQuote(Rune rune) => rune.Value is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB';

    private static string Normalize(string text)
    {
        // string.Normalize throws on lone surrogates, which user input may well contain.
        var valid = new StringBuilder(text.Length);
        foreach (var rune in EnumerateRunesLeniently(text))
        {
            valid.Append(rune.ToString());
        }

        return SearchTextNormalizer.Normalize(valid.ToString()).Normalize(NormalizationForm.FormKC);
    }

    private static IEnumerable<Rune> EnumerateRunesLeniently(string text)
    {
        for (var i = 0; i < text.Length;)
        {
            if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                rune = Rune.ReplacementChar;
            }

            yield return rune;
            i += Math.Max(consumed, 1);
        }
    }

    private static bool IsTokenRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };

    /// <summary>A CJK character that is a token character (not the Katakana middle dot, say).</summary>
    private static bool IsCjk(Rune rune) => IsTokenRune(rune) && rune.Value switch
    {
        >= 0x3040 and <= 0x30FF => true, // Hiragana, Katakana
        >= 0x31F0 and <= 0x31FF => true, // Katakana phonetic extensions
        >= 0x3400 and <= 0x4DBF => true, // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true, // CJK unified ideographs
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0x20000 and <= 0x3FFFF => true, // CJK extensions B and later
        _ => false,
    };
}
