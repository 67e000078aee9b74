namespace RagPlatform.Core.Search;

/// <summary>One term of a user's lexical query (see <see cref="LexicalQueryTerms"/>): only word
/// characters (<see cref="LexicalRunes.IsWordRune"/>) between single spaces, so nothing in it can act
/// as any engine's query syntax.</summary>
/// <param name="Text">A word, a CJK run (its characters, spaced: a phrase of single-character words)
/// or a quoted phrase (its words, spaced).</param>
/// <param name="IsPhrase">True for a quoted phrase, which asks for exactly those words and is looked up
/// as written only; false for a word or CJK run, which may also be looked up by its stem.</param>
public sealed record LexicalQueryTerm(string Text, bool IsPhrase)
{
    /// <summary>The term may be looked up by its stem too.</summary>
    public bool IsStemmable => !IsPhrase;
}
