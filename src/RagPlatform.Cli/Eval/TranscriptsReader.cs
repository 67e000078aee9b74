using System.Text.Json;

namespace RagPlatform.Cli.Eval;

/// <summary>Reads and checks transcripts.jsonl as strictly as queries.jsonl: a wrong line is refused
/// with the file, the line number and what to fix, never skipped.</summary>
internal static class TranscriptsReader
{
    /// <param name="documentNames">The corpus files as transcripts name them.</param>
    /// <exception cref="EvalDatasetException">A line that is not a valid transcript.</exception>
    public static async Task<IReadOnlyList<EvalTranscript>> LoadAsync(string path, HashSet<string> documentNames, CancellationToken cancellationToken)
    {
        var transcripts = new List<EvalTranscript>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var transcript = Check(Parse(line), documentNames);
                if (!ids.Add(transcript.Id))
                {
                    throw new EvalDatasetException($"the id '{transcript.Id}' is used twice.");
                }

                // Overlapping units would score the same read text twice in the totals.
                var overlapping = transcripts.FirstOrDefault(t => t.Unit.Overlaps(transcript.Unit));
                if (overlapping is not null)
                {
                    throw new EvalDatasetException($"transcript '{transcript.Id}' ({transcript.Unit}) overlaps transcript '{overlapping.Id}' ({overlapping.Unit}): one item could belong to both, and its text would be scored twice; make them disjoint (give pages or modalities).");
                }

                transcripts.Add(transcript);
            }
            catch (EvalDatasetException ex)
            {
                throw new EvalDatasetException($"{path}, line {number}: {ex.Message}", ex);
            }
        }

        return transcripts.Count == 0
            ? throw new EvalDatasetException($"{path} holds no transcript; add one or delete the file.")
            : transcripts;
    }

    private static TranscriptLine Parse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<TranscriptLine>(line, QueryLineJson.Options) ?? throw new EvalDatasetException("the line is null, not a transcript object.");
        }
        catch (JsonException ex)
        {
            throw new EvalDatasetException($"not a valid transcript: {ex.Message}", ex);
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
