namespace RagPlatform.Cli.Eval;

/// <summary>Turns scored answers into the report's rows: per mode and per tag × mode (a question with
/// several tags counts in each). Every value is a macro average: each question weighs the same.</summary>
internal static class AnswerSummary
{
    public static AnswersReport Build(IReadOnlyList<AnswerQuestionRow> questions, IReadOnlyList<string> modes)
    {
        var tags = questions.SelectMany(q => q.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var overall = modes.Select(mode => Row(null, mode, questions.Where(q => q.Mode == mode))).ToList();
        var byTag = tags.SelectMany(tag => modes.Select(mode => Row(tag, mode, questions.Where(q => q.Mode == mode && q.Tags.Contains(tag))))).ToList();
        return new AnswersReport(true, null, Joined(questions.Select(q => q.AnsweredAs)), Joined(questions.Select(q => q.Model)), overall, byTag, questions);
    }

    public static AnswersReport Unavailable(string reason) => new(false, reason, null, null, [], [], []);

    public static AnswerMetricRow Row(string? tag, string mode, IEnumerable<AnswerQuestionRow> group)
    {
        var all = group.ToList();
        var answered = all.Where(q => q.Failed is null).ToList();
        var answerable = answered.Where(q => q.Answerable).ToList();
        var unanswerable = answered.Where(q => !q.Answerable).ToList();
        var cited = answerable.Where(q => q.Citations.Count > 0).ToList();
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (cited.Count > 0)
        {
            metrics[AnswerScoring.CitationPrecision] = cited.Average(q => q.Metrics![AnswerScoring.CitationPrecision]);
        }

        if (answerable.Count > 0)
        {
            metrics[AnswerScoring.CitationRecall] = answerable.Average(q => q.Metrics![AnswerScoring.CitationRecall]);
            metrics[AnswerScoring.KeyFactMatch] = answerable.Average(q => q.Metrics![AnswerScoring.KeyFactMatch]);
            metrics[AnswerScoring.FalseNotFoundRate] = answerable.Average(q => q.NotFound ? 1.0 : 0.0);
        }

        if (unanswerable.Count > 0)
        {
            metrics[AnswerScoring.NotFoundRate] = unanswerable.Average(q => q.NotFound ? 1.0 : 0.0);
        }

        return new AnswerMetricRow(
            tag,
            mode,
            Joined(answered.Select(q => q.AnsweredAs)),
            answered.Count,
            answerable.Count,
            unanswerable.Count,
            cited.Count,
            all.Count - answered.Count,
            metrics.Count == 0 ? null : metrics);
    }

    /// <summary>Distinct values in order of first appearance, comma separated; null when none.</summary>
    public static string? Joined(IEnumerable<string?> values)
    {
        var distinct = values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 0 ? null : string.Join(", ", distinct);
    }
}
