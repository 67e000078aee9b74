namespace RagPlatform.Core.Answering;

/// <summary>An answer text after its citations were checked against the sources sent.</summary>
/// <param name="Text">The text with invalid citations removed.</param>
/// <param name="Cited">Valid source numbers, distinct, in order of first citation.</param>
/// <param name="Removed">Numbers that named no source, distinct, in order of appearance.</param>
public sealed record CheckedCitations(string Text, IReadOnlyList<CitedSentence> Sentences, IReadOnlyList<int> Cited, IReadOnlyList<int> Removed);
