namespace RagPlatform.Cli.Eval;

/// <summary>How one ranked hit list fares against a query's relevant units.</summary>
/// <remarks>
/// Definitions (ranks from 1; R = number of relevant units; a unit is "found at rank r" when the hit
/// at rank r is the first hit that matches it):
/// <list type="bullet">
/// <item>Recall@k = (units found at a rank ≤ k) / R. A second hit on a unit already found adds nothing.</item>
/// <item>Reciprocal rank@k = 1 / (rank of the first hit that matches any unit) when that rank ≤ k,
/// else 0. MRR is its mean over queries.</item>
/// <item>nDCG@k with binary gains: the gain at rank r is 1 when some unit is found at r, else 0 (so a
/// duplicate hit on a found unit gains 0); DCG@k = Σ gain(r) / log2(r + 1) over r ≤ k; the ideal DCG
/// puts one new unit at each of the first min(R, k) ranks; nDCG@k = DCG@k / ideal DCG@k.</item>
/// </list>
/// Hits are judged in the order the API returns them: tied scores are not reshuffled or averaged,
/// because the API orders ties deterministically and a user sees that order.
/// </remarks>
internal sealed class RankedJudgement
{
    /// <summary>For each unit, the 1-based rank at which it is found; 0 when no hit matches it.</summary>
    private readonly int[] foundAt;

    /// <param name="unitsMatchedPerHit">For each hit in rank order, the indexes (0..R-1) of the
    /// relevant units it matches; empty for an irrelevant hit.</param>
    /// <param name="relevantUnits">R, at least 1.</param>
    public RankedJudgement(IReadOnlyList<IReadOnlyCollection<int>> unitsMatchedPerHit, int relevantUnits)
    {
        ArgumentNullException.ThrowIfNull(unitsMatchedPerHit);
        ArgumentOutOfRangeException.ThrowIfLessThan(relevantUnits, 1);
        foundAt = new int[relevantUnits];
        for (var rank = 1; rank <= unitsMatchedPerHit.Count; rank++)
        {
            foreach (var unit in unitsMatchedPerHit[rank - 1])
            {
                if (foundAt[unit] == 0)
                {
                    foundAt[unit] = rank;
                }
            }
        }

        var found = foundAt.Where(r => r > 0).ToList();
        FirstRelevantRank = found.Count == 0 ? null : found.Min();
    }

    public int RelevantUnits => foundAt.Length;

    /// <summary>Rank of the first relevant hit in the whole list, or null when none is relevant.</summary>
    public int? FirstRelevantRank { get; }

    public double RecallAt(int k) => (double)foundAt.Count(r => r > 0 && r <= k) / foundAt.Length;

    public double ReciprocalRankAt(int k) => FirstRelevantRank is { } r && r <= k ? 1.0 / r : 0;

    public double NdcgAt(int k)
    {
        // Ranks at which at least one unit is new: each gains 1 however many units it finds.
        var dcg = foundAt.Where(r => r > 0 && r <= k).Distinct().Sum(Discount);
        var ideal = Enumerable.Range(1, Math.Min(foundAt.Length, k)).Sum(Discount);
        return dcg / ideal;
    }

    private static double Discount(int rank) => 1.0 / Math.Log2(rank + 1);
}
