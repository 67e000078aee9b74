namespace RagPlatform.Core.Search;

/// <summary>How a hit earned its place. <paramref name="Final"/> orders the results; the parts say
/// what each retriever thought of the hit (null when that retriever did not return it).</summary>
/// <param name="Dense">Cosine similarity from the CLIP space.</param>
/// <param name="Lexical">BM25 score of the full-text index.</param>
public sealed record ScoreParts(double Final, double? Dense, int? DenseRank, double? Lexical, int? LexicalRank);
