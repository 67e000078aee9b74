using System.Text;
using RagPlatform.Cli.Api;

namespace RagPlatform.Cli.Eval;

/// <summary>Scores one answer against its question (see eval/README.md, "Answer metrics"): which
/// cited sources are relevant, which relevant units are cited, which key facts the text states.</summary>
internal static class AnswerScoring
{
    public const string CitationPrecision = "citationPrecision";
    public const string CitationRecall = "citationRecall";
    public const string KeyFactMatch = "keyFactMatch";
    public const string NotFoundRate = "notFoundRate";
    public const string FalseNotFoundRate = "falseNotFoundRate";

    /// <param name="datasetNamesById">Dataset file names of each server document.</param>
    public static AnswerQuestionRow Score(EvalQuestion question, string mode, AnswerView answer, IReadOnlyDictionary<Guid, IReadOnlyCollection<string>> datasetNamesById)
    {
        var cited = answer.Citations.Select(c =>
        {
            var names = datasetNamesById.TryGetValue(c.DocumentId, out var n) ? n : [];
            var relevant = question.Relevant.Any(unit => unit.Matches(names, c.Page, string.Empty));
            return (Citation: c, Names: names, Relevant: relevant);
        }).ToList();
        var sources = cited.Select(c => new CitedSource(c.Citation.Number, c.Names.FirstOrDefault() ?? c.Citation.DocumentName, c.Citation.Page, c.Relevant)).ToList();
        var found = question.Facts.Where(f => ContainsFact(answer.Text, f)).ToList();
        var missed = question.Facts.Except(found, StringComparer.Ordinal).ToList();
        if (!question.Answerable)
        {
            return new AnswerQuestionRow(question.Id, question.Tags, mode, false, answer.Mode, answer.Model, null, answer.NotFound, sources, found, missed, null);
        }

        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [CitationRecall] = (double)question.Relevant.Count(unit => cited.Any(c => unit.Matches(c.Names, c.Citation.Page, string.Empty))) / question.Relevant.Count,
            [KeyFactMatch] = (double)found.Count / question.Facts.Count,
        };
        if (cited.Count > 0)
        {
            metrics[CitationPrecision] = (double)cited.Count(c => c.Relevant) / cited.Count;
        }

        return new AnswerQuestionRow(question.Id, question.Tags, mode, true, answer.Mode, answer.Model, null, answer.NotFound, sources, found, missed, metrics);
    }

    public static AnswerQuestionRow Failed(EvalQuestion question, string mode, string reason) =>
        new(question.Id, question.Tags, mode, question.Answerable, null, null, reason, false, [], [], question.Facts, null);

    /// <summary>Whether <paramref name="text"/> states <paramref name="fact"/>: a substring match after
    /// both lose every white-space character and are lower-cased (invariant culture), so line breaks,
    /// doubled spaces and capitals do not matter; punctuation and spelling do.</summary>
    public static bool ContainsFact(string text, string fact)
    {
        var wanted = Squeeze(fact);
        return wanted.Length > 0 && Squeeze(text).Contains(wanted, StringComparison.Ordinal);
    }

    private static string Squeeze(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString();
    }
}
