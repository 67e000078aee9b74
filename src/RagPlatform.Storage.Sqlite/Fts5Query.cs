namespace RagPlatform.Storage.Sqlite;

/// <summary>A user's query as FTS5 MATCH expressions (see <see cref="Fts5Text.ToQuery"/>).</summary>
/// <param name="Exact">Every term, for the index of words as written.</param>
/// <param name="Stemmed">The unquoted terms, for the index of stems; null when every term is a quoted phrase.</param>
/// <param name="HasPhrase">The query holds a quoted phrase, which only <paramref name="Exact"/> looks up.</param>
internal sealed record Fts5Query(string Exact, string? Stemmed, bool HasPhrase);
