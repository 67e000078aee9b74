namespace RagPlatform.Cli.Eval;

/// <summary>Reads and checks answers.jsonl as strictly as queries.jsonl: a wrong line is refused with
/// the file, the line number and what to fix, never skipped.</summary>
internal static class AnswersReader
{
    /// <param name="documentNames">The corpus files as questions name them.</param>
    /// <exception cref="EvalDatasetException">A line that is not a valid question.</exception>
    public static Task<IReadOnlyList<EvalQuestion>> LoadAsync(string path, HashSet<string> documentNames, CancellationToken cancellationToken) =>
        JsonLinesReader.LoadAsync<AnswerLine, EvalQuestion>(path, "question", line => Check(line, documentNames), q => q.Id, null, cancellationToken);

    private static EvalQuestion Check(AnswerLine line, HashSet<string> documentNames)
    {
        if (string.IsNullOrWhiteSpace(line.Id))
        {
            throw new EvalDatasetException("the question has no \"id\".");
        }

        var owner = $"question '{line.Id}'";
        if (string.IsNullOrWhiteSpace(line.Question))
        {
            throw new EvalDatasetException($"{owner} has no \"question\" text.");
        }

        if (line.Answerable is not { } answerable)
        {
            throw new EvalDatasetException($"{owner} needs \"answerable\": true when the documents answer it, false when a good answer says they do not.");
        }

        var relevant = (line.Relevant ?? []).Select(r => EvalDataset.CheckUnit(new RelevantLine(r.Document, r.Page, null), owner, documentNames)).ToList();
        if (line.Facts is not null && line.Facts.Any(string.IsNullOrWhiteSpace))
        {
            throw new EvalDatasetException($"{owner}: a fact is empty; each fact is a string the answer must contain.");
        }

        var facts = (line.Facts ?? []).Select(f => f!.Trim()).ToList();
        if (answerable && (relevant.Count == 0 || facts.Count == 0))
        {
            throw new EvalDatasetException($"{owner} is answerable: give the \"relevant\" pages a good answer cites and the \"facts\" it states.");
        }

        if (!answerable && (relevant.Count > 0 || facts.Count > 0))
        {
            throw new EvalDatasetException($"{owner} is not answerable: it has no \"relevant\" pages or \"facts\"; leave them out.");
        }

        for (var i = 0; i < relevant.Count; i++)
        {
            if (relevant.Skip(i + 1).FirstOrDefault(relevant[i].Overlaps) is { } other)
            {
                throw new EvalDatasetException($"{owner}: the relevant units {relevant[i]} and {other} overlap (one citation could match both); make them disjoint.");
            }
        }

        var tags = (line.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new EvalQuestion(line.Id, line.Question.Trim(), relevant, facts, answerable, tags);
    }
}
