namespace RagPlatform.Core.Search;

/// <summary>How a hit earned its place. <paramref name="Final"/> is the fused score; the parts say
/// what each retriever thought of the hit (null when that retriever did not return it).</summary>
/// <param name="Final">Weighted fusion or RRF score (setting <c>Search:Fusion</c>). Hits are in
/// descending Final order, except that re-ranked text hits are reordered by <paramref name="Rerank"/>
/// among the slots they held.</param>
/// <param name="Dense">Raw cosine similarity from the CLIP space (best over the query's embeddings).</param>
/// <param name="Lexical">Raw BM25 score of the full-text index.</param>
/// <param name="DenseCalibrated">The dense score calibrated for the (query → item) modality pair,
/// logistic of its z-score, 0..1 (<see cref="DenseCalibration"/>).</param>
/// <param name="Rerank">The re-ranker's score, when it ran on this hit.</param>
/// <param name="TextSpace">Raw cosine similarity in the text space (the sentence-embedding model
/// of <see cref="Search.TextSpace"/>), when that space returned the hit; not comparable with
/// <paramref name="Dense"/>, another model's cosine.</param>
/// <param name="TextSpaceRank">The hit's rank in the text space's list.</param>
public sealed record ScoreParts(
    double Final,
    double? Dense,
    int? DenseRank,
    double? Lexical,
    int? LexicalRank,
    double? DenseCalibrated = null,
    double? Rerank = null,
    double? TextSpace = null,
    int? TextSpaceRank = null);
