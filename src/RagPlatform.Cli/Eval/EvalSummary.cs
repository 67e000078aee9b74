namespace RagPlatform.Cli.Eval;

/// <summary>Turns the query outcomes into the report: per query, and means per mode, per query kind ×
/// mode and per query kind × tag × mode (a query with several tags counts in each; a tag is split by
/// kind because "chart" means something else to text→image than to image→image). Means are macro
/// averages: every query weighs the same, whatever its number of relevant units.</summary>
internal static class EvalSummary
{
    /// <summary>Recall cutoffs for hits asked for: 1, 5 and k, those not above k.</summary>
    public static IReadOnlyList<int> CutoffsFor(int k) => new[] { 1, 5, k }.Where(c => c <= k).Distinct().Order().ToList();

    public static IReadOnlyDictionary<string, double> MetricsOf(RankedJudgement judgement, int k)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var cutoff in CutoffsFor(k))
        {
            metrics[$"recall@{cutoff}"] = judgement.RecallAt(cutoff);
        }

        metrics["mrr"] = judgement.ReciprocalRankAt(k);
        metrics[$"ndcg@{k}"] = judgement.NdcgAt(k);
        return metrics;
    }

    public static (IReadOnlyList<MetricRow> Overall, IReadOnlyList<MetricRow> ByKind, IReadOnlyList<MetricRow> ByTag, IReadOnlyList<QueryRow> Queries) Build(
        IReadOnlyList<QueryOutcome> outcomes, IReadOnlyList<string> modes, int k)
    {
        var kinds = QueryKinds.All.Where(kind => outcomes.Any(o => o.Query.Kind == kind)).ToList();
        var kindTags = kinds.SelectMany(kind => outcomes.Where(o => o.Query.Kind == kind).SelectMany(o => o.Query.Tags)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(tag => (Kind: kind, Tag: tag))).ToList();

        var overall = modes.Select(mode => Row(null, null, mode, outcomes.Where(o => o.Mode == mode), k)).ToList();
        var byKind = kinds.SelectMany(kind => modes.Select(mode =>
            Row(kind, null, mode, outcomes.Where(o => o.Mode == mode && o.Query.Kind == kind), k))).ToList();
        var byTag = kindTags.SelectMany(t => modes.Select(mode =>
            Row(t.Kind, t.Tag, mode, outcomes.Where(o => o.Mode == mode && o.Query.Kind == t.Kind && o.Query.Tags.Contains(t.Tag)), k))).ToList();
        var queries = outcomes.Select(o => new QueryRow(
            o.Query.Id, o.Query.Kind, o.Query.Tags, o.Mode, o.Skipped, o.Judgement?.FirstRelevantRank is { } r && r <= k ? r : null,
            o.Judgement is null ? null : MetricsOf(o.Judgement, k), o.Hits)).ToList();
        return (overall, byKind, byTag, queries);
    }

    private static MetricRow Row(string? kind, string? tag, string mode, IEnumerable<QueryOutcome> group, int k)
    {
        var list = group.ToList();
        var ran = list.Where(o => o.Judgement is not null).Select(o => MetricsOf(o.Judgement!, k)).ToList();
        var skipped = list.Where(o => o.Skipped is not null).ToList();
        var means = ran.Count == 0
            ? null
            : ran[0].Keys.ToDictionary(name => name, name => ran.Average(m => m[name]), StringComparer.Ordinal);
        return new MetricRow(kind, tag, mode, ran.Count, skipped.Count, skipped.FirstOrDefault()?.Skipped, means);
    }
}
