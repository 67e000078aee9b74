using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Second stage: the text hits among the first <see cref="IReranker.TopN"/> fused hits are
/// scored by the re-ranker and reordered by that score, highest first, within the slots they held.
/// Images and pages keep their fused positions: a text cross-encoder cannot judge them, and their
/// place is the calibrated fusion's decision. Hits after the first TopN are untouched.</summary>
internal static class HitReranking
{
    public static async Task<List<SearchHit>> ApplyAsync(IReranker reranker, string query, IReadOnlyList<ResolvedHit> hits, CancellationToken cancellationToken)
    {
        var slots = hits.Take(Math.Max(0, reranker.TopN))
            .Select((hit, position) => (hit, position))
            .Where(x => x.hit.Hit.Modality == Modality.Text && !string.IsNullOrWhiteSpace(x.hit.Text))
            .ToList();
        var result = hits.Select(h => h.Hit).ToList();
        if (slots.Count == 0)
        {
            return result;
        }

        var scores = await reranker.ScoreAsync(query, slots.Select(s => s.hit.Text!).ToList(), cancellationToken);
        if (scores.Count != slots.Count)
        {
            throw new InvalidOperationException($"The re-ranker returned {scores.Count} scores for {slots.Count} passages.");
        }

        // OrderByDescending is stable: equal re-ranker scores keep the fused order.
        var reordered = slots.Select((s, i) => s.hit.Hit with { Score = s.hit.Hit.Score with { Rerank = scores[i] } })
            .OrderByDescending(h => h.Score.Rerank)
            .ToList();
        for (var i = 0; i < slots.Count; i++)
        {
            result[slots[i].position] = reordered[i];
        }

        return result;
    }
}
