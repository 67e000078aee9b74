namespace RagPlatform.Cli.Eval;

/// <summary>Reads and checks transcripts.jsonl as strictly as queries.jsonl: a wrong line is refused
/// with the file, the line number and what to fix, never skipped.</summary>
internal static class TranscriptsReader
{
    /// <param name="documentNames">The corpus files as transcripts name them.</param>
    /// <exception cref="EvalDatasetException">A line that is not a valid transcript.</exception>
    public static Task<IReadOnlyList<EvalTranscript>> LoadAsync(string path, HashSet<string> documentNames, CancellationToken cancellationToken) =>
        JsonLinesReader.LoadAsync<TranscriptLine, EvalTranscript>(path, "transcript", line => Check(line, documentNames), t => t.Id, RefuseOverlap, cancellationToken);

    /// <summary>Overlapping units would score the same read text twice in the totals.</summary>
    private static void RefuseOverlap(EvalTranscript transcript, IReadOnlyList<EvalTranscript> earlier)
    {
        var overlapping = earlier.FirstOrDefault(t => t.Unit.Overlaps(transcript.Unit));
        if (overlapping is not null)
        {
            throw new EvalDatasetException($"transcript '{transcript.Id}' ({transcript.Unit}) overlaps transcript '{overlapping.Id}' ({overlapping.Unit}): one item could belong to both, and its text would be scored twice; make them disjoint (give pages or modalities).");
        }
    }

    private static EvalTranscript Check(TranscriptLine line, HashSet<string> documentNames)
    {
        if (string.IsNullOrWhiteSpace(line.Id))
        {
            throw new EvalDatasetException("the transcript has no \"id\".");
        }

        var owner = $"transcript '{line.Id}'";
        var unit = EvalDataset.CheckUnit(new RelevantLine(line.Document, line.Page, line.Modality), owner, documentNames);
        if (unit.Modality == "page")
        {
            throw new EvalDatasetException($"{owner}: a page render carries no text of its own; leave \"modality\" out to take everything read on the page, or give \"image\".");
        }

        if (line.Lines is null || line.Lines.Any(l => l is null) || line.Lines.All(string.IsNullOrWhiteSpace))
        {
            throw new EvalDatasetException($"{owner} needs \"lines\": the text drawn in the unit, one string per line as drawn.");
        }

        var tags = (line.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return new EvalTranscript(line.Id, unit, line.Lines!.Select(l => l!).ToList(), tags);
    }
}
