namespace RagPlatform.Core.Search;

/// <summary>How the ranked lists of the retrievers become one (setting <c>Search:Fusion</c>).</summary>
public enum FusionMethod
{
    /// <summary>Weighted sum of the calibrated dense score and the per-query normalised BM25
    /// (<see cref="WeightedScoreFusion"/>).</summary>
    Weighted,

    /// <summary>Reciprocal rank fusion (<see cref="ReciprocalRankFusion"/>): ranks only.</summary>
    Rrf,
}
