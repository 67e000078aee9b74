using System.Globalization;
using System.Text;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Postgres;

/// <summary>Turns text into what the lexical index stores and user input into safe query terms; the
/// PostgreSQL counterpart of the SQLite adapter's FTS5 text rules, which it follows.
/// <para>Words are runs of letters, digits, private-use characters and marks (so Devanagari vowel signs
/// stay inside their words), after <see cref="SearchTextNormalizer"/> and NFKC (ligatures and
/// full-width forms from PDFs). The vectors are built from the words alone, one space between each:
/// PostgreSQL's parser would otherwise decide by the server's locale what punctuation is (in the C
/// locale every non-ASCII character is a letter, so "solar—panel" would be one word).</para>
/// <para>CJK: every Han, Hiragana and Katakana character is a word of its own, and a CJK run in a query
/// is a phrase of its characters: a substring match, as Lucene's CJK unigrams do. In the stored text
/// (what snippets are cut from) a zero-width space on each side makes each such character a word of
/// its own to ts_headline too; <see cref="ToSnippet"/> removes them.</para></summary>
internal static class LexicalText
{
    /// <summary>U+200B: a separator to PostgreSQL's parser outside the C locale, invisible if it leaks.</summary>
    private const char CjkBoundary = '\u200B';

    /// <summary>More terms than this add nothing to ranking and only cost time.</summary>
    private const int MaxQueryTerms = 64;

    /// <summary>Words beyond this many characters are not indexed: a tsvector holds at most 1 MiB and
    /// positions up to 16,383, which a page of this size already exceeds.</summary>
    private const int MaxIndexedCharacters = 400_000;

    /// <summary>The text to store for snippets.</summary>
    public static string ToStoredText(string text)
    {
        var builder = new StringBuilder(text.Length + 16);
        foreach (var rune in Normalize(text).EnumerateRunes())
        {
            if (IsCjk(rune))
            {
                builder.Append(CjkBoundary).Append(rune.ToString()).Append(CjkBoundary);
            }
            else
            {
                builder.Append(rune.Value == 0 ? "\uFFFD" : rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>The words of the text, one space between each, and how many there are.</summary>
    public static (string Words, int Count) ToWords(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxIndexedCharacters) + 16);
        var count = 0;
        var inWord = false;
        foreach (var rune in Normalize(text).EnumerateRunes())
        {
            if (builder.Length >= MaxIndexedCharacters)
            {
                break;
            }

            var cjk = IsCjk(rune);
            if (cjk || !IsTokenRune(rune))
            {
                if (builder.Length > 0 && builder[^1] != ' ')
                {
                    builder.Append(' ');
                }

                inWord = false;
                if (!cjk)
                {
                    continue;
                }

                builder.Append(rune.ToString()).Append(' ');
                count++;
                continue;
            }

            if (!inWord)
            {
                count++;
                inWord = true;
            }

            builder.Append(rune.ToString());
        }

        return (builder.ToString().TrimEnd(), count);
    }

    /// <summary>A snippet as the user should see it: the marks of adjacent CJK characters joined into
    /// one («東»​​«京» becomes «東京»), and the boundaries added for CJK gone.</summary>
    public static string ToSnippet(string headline) =>
        headline.Replace($"»{CjkBoundary}{CjkBoundary}«", string.Empty, StringComparison.Ordinal)
            .Replace(CjkBoundary.ToString(), string.Empty, StringComparison.Ordinal);

    /// <summary>The terms of a user's query, any of which may match: a word, a CJK run or a "quoted
    /// phrase" (its words adjacent, in order; an unclosed quote runs to the end). Null when the input
    /// has no words at all.</summary>
    public static LexicalQuery? ToQuery(string userText)
    {
        var terms = new List<string>();
        var stemmable = new List<bool>();
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
                Add(string.Join(' ', cjkRun), isWord: true);
                cjkRun.Clear();
            }
        }

        void Add(string term, bool isWord)
        {
            if (inPhrase && isWord)
            {
                phrase.Add(term);
            }
            else if (terms.Count < MaxQueryTerms && seen.Add(isWord ? term : $"\"{term}\""))
            {
                terms.Add(term);
                stemmable.Add(isWord);
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
        return terms.Count == 0 ? null : new LexicalQuery(terms, stemmable);
    }

    /// <summary>Straight and typographic double quotes (NFKC keeps “ and ” as they are).</summary>
    private static bool IsQuote(Rune rune) => rune.Value is '"' or '\u201C' or '\u201D' or '\u201E' or '\u00AB' or '\u00BB';

    private static string Normalize(string text)
    {
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
