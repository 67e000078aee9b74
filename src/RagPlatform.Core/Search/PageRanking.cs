using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Search;

/// <summary>Ranking that looks at whole pages rather than single chunks (issue 12):
/// <code>
///   lexical(c) = bm25(c) / max bm25(chunks)  +  PageScoreWeight · bm25(page(c)) / max bm25(pages)
///                +  HeadingWeight · bm25(headings(c)) / max bm25(headings)
///   final(h)   = fused(h) · NavigationPageFactor   when h lies on a table of contents or an index
/// </code>
/// The first reorders the lexical list before fusion, so it acts in both RRF and weighted fusion: of
/// two chunks that match the question about as well, the one whose page holds more of the question
/// comes first. The second acts after fusion, on dense hits too.</summary>
public static class PageRanking
{
    /// <summary>The chunk hits reordered by their blended score (<see cref="LexicalHit.Score"/> is the
    /// blend); an item unknown to <paramref name="items"/> gets no page share. The heading share
    /// (<see cref="LexicalHit.HeadingScore"/> × <paramref name="headingWeight"/>) is normalised by the
    /// best heading score among the chunks.</summary>
    public static IReadOnlyList<LexicalHit> BlendPageScores(
        IReadOnlyList<LexicalHit> chunks,
        IReadOnlyList<LexicalPageHit> pages,
        IReadOnlyDictionary<Guid, Item> items,
        double weight,
        double headingWeight = 0)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(items);
        if (chunks.Count == 0)
        {
            return chunks;
        }

        var maxChunk = chunks.Max(h => h.Score);
        var maxHeading = chunks.Max(h => h.HeadingScore);
        var maxPage = pages.Count == 0 ? 0 : pages.Max(p => p.Score);
        var pageScores = new Dictionary<(Guid, int), double>();
        foreach (var page in pages)
        {
            pageScores.TryAdd((page.DocumentId, page.Page), maxPage > 0 ? Math.Max(0, page.Score) / maxPage : 1);
        }

        // OrderByDescending is stable: equal blends keep the index's order.
        return chunks
            .Select(hit =>
            {
                var own = maxChunk > 0 ? Math.Max(0, hit.Score) / maxChunk : 1;
                var page = items.TryGetValue(hit.ItemId, out var item) ? pageScores.GetValueOrDefault((item.DocumentId, item.Page)) : 0;
                var heading = maxHeading > 0 ? Math.Max(0, hit.HeadingScore) / maxHeading : 0;
                return hit with { Score = own + (weight * page) + (headingWeight * heading) };
            })
            .OrderByDescending(h => h.Score)
            .ToList();
    }

    /// <summary>Whole-page matches as lexical hits of modality page, scored on the scale of
    /// <see cref="BlendPageScores"/> (the best page scores 1 + weight, as a chunk on the best page that
    /// is itself the best chunk).</summary>
    public static IEnumerable<LexicalHit> AsPageHits(IReadOnlyList<LexicalPageHit> pages, double weight)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var maxPage = pages.Count == 0 ? 0 : pages.Max(p => p.Score);
        return pages.Select(p => new LexicalHit(p.ItemId, p.DocumentId, Modality.Page, (1 + weight) * (maxPage > 0 ? Math.Max(0, p.Score) / maxPage : 1), p.Snippet));
    }

    /// <summary>The fused list with the hits on navigation pages scaled by <paramref name="factor"/>,
    /// reordered (stable).</summary>
    public static IReadOnlyList<KeyValuePair<Guid, double>> DemoteNavigationPages(
        IReadOnlyList<KeyValuePair<Guid, double>> fused,
        IReadOnlyDictionary<Guid, Item> items,
        IReadOnlySet<(Guid DocumentId, int Page)> navigationPages,
        double factor)
    {
        ArgumentNullException.ThrowIfNull(fused);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(navigationPages);
        if (navigationPages.Count == 0 || factor >= 1)
        {
            return fused;
        }

        return fused
            .Select(p => items.TryGetValue(p.Key, out var item) && navigationPages.Contains((item.DocumentId, item.Page))
                ? KeyValuePair.Create(p.Key, p.Value * factor)
                : p)
            .OrderByDescending(p => p.Value)
            .ToList();
    }
}
