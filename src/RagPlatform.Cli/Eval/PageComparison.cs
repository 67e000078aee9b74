namespace RagPlatform.Cli.Eval;

/// <summary>Judges the platform by page, next to the page-BM25 baseline: a page counts once however
/// many of its hits (chunks, images, the page render) the platform returns, at the rank of its best
/// hit; the answering page's rank among distinct pages gives first-hit rate, top-5 rate and MRR.</summary>
internal static class PageComparison
{
    /// <summary>Distinct pages looked at per query (the MRR cutoff), for the platform and the baseline alike.</summary>
    public const int Depth = 10;

    private const int Shown = 5;

    public static async Task<PageReport?> RunAsync(EvalDataset dataset, IReadOnlyList<QueryOutcome> outcomes, IReadOnlyList<string> modes, CancellationToken cancellationToken)
    {
        var judged = dataset.Queries.Where(PageBaseline.IsPageJudged).ToList();
        if (judged.Count == 0)
        {
            return null;
        }

        PageBm25 baseline;
        try
        {
            baseline = await PageBaseline.BuildAsync(dataset, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            return new PageReport(false, ex.Message, PageBaseline.Description, Depth, 0, [], []);
        }

        var baselinePages = judged.ToDictionary(q => q.Id, q => baseline.Search(q.Text!, Depth), StringComparer.Ordinal);
        var rows = new List<PageQueryRow>();
        foreach (var outcome in outcomes.Where(o => o.Skipped is null && PageBaseline.IsPageJudged(o.Query)))
        {
            var query = outcome.Query;
            var platformPages = DistinctPages(outcome.Hits).Take(Depth).ToList();
            var baselineRanked = baselinePages[query.Id];
            rows.Add(new PageQueryRow(
                query.Id,
                query.Text!,
                query.Tags,
                outcome.Mode,
                RankOf(platformPages.Select(p => p.Relevant)),
                RankOf(baselineRanked.Select(p => p.IsIn(query.Relevant))),
                platformPages.Take(Shown).Select(p => p.Page.ToString()).ToList(),
                baselineRanked.Take(Shown).Select(p => p.ToString()).ToList()));
        }

        var tags = rows.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var summary = modes.SelectMany(mode => new string?[] { null }.Concat(tags).Select(tag => Row(tag, mode, rows)))
            .Where(r => r is not null)
            .Select(r => r!)
            .ToList();
        return new PageReport(true, null, PageBaseline.Description, Depth, baseline.Pages, summary, rows);
    }

    /// <summary>Pages in the order of their best hit; a page is relevant when any of its hits is.</summary>
    private static IEnumerable<(PageKey Page, bool Relevant)> DistinctPages(IReadOnlyList<JudgedHit> hits) =>
        hits.GroupBy(h => new PageKey(h.Document, h.Page))
            .OrderBy(g => g.Min(h => h.Rank))
            .Select(g => (g.Key, g.Any(h => h.Relevant)));

    private static int? RankOf(IEnumerable<bool> relevantInOrder)
    {
        var rank = 0;
        foreach (var relevant in relevantInOrder)
        {
            rank++;
            if (relevant)
            {
                return rank;
            }
        }

        return null;
    }

    private static PageRow? Row(string? tag, string mode, IReadOnlyList<PageQueryRow> rows)
    {
        var group = rows.Where(r => r.Mode == mode && (tag is null || r.Tags.Contains(tag))).ToList();
        return group.Count == 0
            ? null
            : new PageRow(tag, mode, group.Count, Metrics(group.Select(r => r.PlatformRank)), Metrics(group.Select(r => r.BaselineRank)));
    }

    private static PageMetrics Metrics(IEnumerable<int?> ranks)
    {
        var list = ranks.ToList();
        return new PageMetrics(
            list.Average(r => r == 1 ? 1.0 : 0),
            list.Average(r => r <= Shown ? 1.0 : 0),
            list.Average(r => r is { } rank ? 1.0 / rank : 0));
    }
}
