using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>A lexical match. <paramref name="Score"/> is BM25, higher is better; <paramref name="Snippet"/>
/// is the text around the matched terms with the matches marked «like this».</summary>
public sealed record LexicalHit(Guid ItemId, Guid DocumentId, Modality Modality, double Score, string Snippet)
{
    /// <summary>BM25 of the query against the item's section headings (higher is better); 0 when
    /// they match none of its words or it has none. <see cref="PageRanking"/> blends it in.</summary>
    public double HeadingScore { get; init; }
}
