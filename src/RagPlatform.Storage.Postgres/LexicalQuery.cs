namespace RagPlatform.Storage.Postgres;

/// <summary>A user's query as terms for phraseto_tsquery (see <see cref="LexicalText.ToQuery"/>):
/// each term only letters, digits and marks between single spaces, so nothing in it can act as
/// tsquery syntax, and phraseto_tsquery reads no operators anyway.</summary>
/// <param name="Terms">Every term: a word, a CJK run (its characters, spaced) or a quoted phrase.</param>
/// <param name="Stemmable">Per term: true for words and CJK runs, which are looked up by stems too;
/// false for quoted phrases, looked up as written only.</param>
internal sealed record LexicalQuery(IReadOnlyList<string> Terms, IReadOnlyList<bool> Stemmable)
{
    /// <summary>The query holds a quoted phrase.</summary>
    public bool HasPhrase => Stemmable.Contains(false);
}
