namespace RagPlatform.Core.Search;

/// <summary>Reciprocal rank fusion: score(d) = Σ over lists of 1 / (k + rank of d), ranks from 1.
/// Only ranks matter, so lists whose scores live on different scales (BM25, cosine) fuse fairly.</summary>
public static class ReciprocalRankFusion
{
    /// <returns>Every id of any list with its fused score, best first; ties keep first-seen order.</returns>
    public static IReadOnlyList<KeyValuePair<Guid, double>> Fuse(IEnumerable<IReadOnlyList<Guid>> rankings, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var scores = new Dictionary<Guid, double>();
        var order = new List<Guid>();
        foreach (var ranking in rankings)
        {
            for (var i = 0; i < ranking.Count; i++)
            {
                if (!scores.TryGetValue(ranking[i], out var score))
                {
                    order.Add(ranking[i]);
                }

                scores[ranking[i]] = score + (1.0 / (k + i + 1));
            }
        }

        // OrderByDescending is a stable sort: equal scores keep first-seen order.
        return order.Select(id => KeyValuePair.Create(id, scores[id])).OrderByDescending(p => p.Value).ToList();
    }
}
