using System.Text;
using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Postgres;

/// <summary>Turns text into what the lexical index stores, by the rules every lexical index shares
/// (<see cref="LexicalRunes"/>; queries: <see cref="LexicalQueryTerms"/>).
/// <para>The vectors are built from the words alone, one space between each: PostgreSQL's parser would
/// otherwise decide by the server's locale what punctuation is (in the C locale every non-ASCII
/// character is a letter, so "solar—panel" would be one word).</para>
/// <para>CJK: every Han, Hiragana and Katakana character is a word of its own. In the stored text (what
/// snippets are cut from) the zero-width space on each side of such a character, a separator to
/// PostgreSQL's parser outside the C locale, makes it a word of its own to ts_headline too;
/// <see cref="ToSnippet"/> removes them.</para></summary>
internal static class LexicalText
{
    /// <summary>Words beyond this many characters are not indexed: a tsvector holds at most 1 MiB and
    /// positions up to 16,383, which a page of this size already exceeds.</summary>
    private const int MaxIndexedCharacters = 400_000;

    /// <summary>The text to store for snippets; NUL, which a text column cannot hold, becomes U+FFFD.</summary>
    public static string ToStoredText(string text) => LexicalRunes.SeparateCjk(text).Replace('\0', '\uFFFD');

    /// <summary>The words of the text, one space between each, and how many there are.</summary>
    public static (string Words, int Count) ToWords(string text)
    {
        var builder = new StringBuilder(Math.Min(text.Length, MaxIndexedCharacters) + 16);
        var count = 0;
        var inWord = false;
        foreach (var rune in LexicalRunes.Normalize(text).EnumerateRunes())
        {
            if (builder.Length >= MaxIndexedCharacters)
            {
                break;
            }

            var cjk = LexicalRunes.IsCjk(rune);
            if (cjk || !LexicalRunes.IsWordRune(rune))
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
    /// one («東»​​«京» becomes «東京»), and the separators added for CJK gone.</summary>
    public static string ToSnippet(string headline) => LexicalRunes.RemoveCjkSeparators(
        headline.Replace($"»{LexicalRunes.CjkSeparator}{LexicalRunes.CjkSeparator}«", string.Empty, StringComparison.Ordinal));
}
