using RagPlatform.Core.Search;

namespace RagPlatform.Storage.Sqlite;

/// <summary>Turns text into what the FTS5 table indexes, and user input into a safe MATCH expression,
/// by the rules every lexical index shares (<see cref="LexicalRunes"/>, <see cref="LexicalQueryTerms"/>).
/// <para>The table's tokenizer (migration 3) is unicode61 with remove_diacritics 2 (résumé = resume) and
/// token characters L* N* Co M*, mirroring <see cref="LexicalRunes.IsWordRune"/>: combining marks stay
/// inside words, so Devanagari or decomposed Latin is not cut apart. The zero-width space put around each
/// CJK character is a separator (category Cf) to unicode61, so each is a token of its own.</para></summary>
internal static class Fts5Text
{
    public static string ToIndexedText(string text) => LexicalRunes.SeparateCjk(text);

    /// <summary>The snippet as the user should see it: without the separators added for CJK.</summary>
    public static string ToDisplayText(string indexedText) => LexicalRunes.RemoveCjkSeparators(indexedText);

    /// <summary>The MATCH expressions of a user's query: any of its terms (OR), each a quoted FTS5
    /// string so that no character of the input can act as FTS5 syntax (a CJK run's characters, spaced,
    /// are a phrase).</summary>
    public static Fts5Query ToQuery(LexicalQueryTerms query)
    {
        // Terms hold only word characters and spaces, so there is no '"' to escape. A quoted phrase is
        // looked up as written only: quoting a phrase asks for exactly those words.
        var stemmed = query.Terms.Where(term => term.IsStemmable).Select(Quote).ToList();
        return new Fts5Query(
            string.Join(" OR ", query.Terms.Select(Quote)),
            stemmed.Count == 0 ? null : string.Join(" OR ", stemmed),
            query.HasPhrase);
    }

    private static string Quote(LexicalQueryTerm term) => $"\"{term.Text}\"";
}
