using RagPlatform.Cli.Api;
using RagPlatform.Core.Search;

namespace RagPlatform.Cli.Eval;

/// <summary>Scores the text the platform read by OCR against the dataset's transcripts: fetches the
/// details (items with their text) of every document a transcript names, picks each unit's text
/// (<see cref="UnitText.Of"/>) and computes the line-matched character error rate.</summary>
internal sealed class OcrEvaluator(RagApiClient api, UploadedDataset uploaded)
{
    public async Task<OcrReport> EvaluateAsync(IReadOnlyList<EvalTranscript> transcripts, CancellationToken cancellationToken)
    {
        var details = new Dictionary<Guid, DocumentDetailsView>();
        var rows = new List<TranscriptRow>();
        var skipped = new List<SkippedTranscript>();
        foreach (var transcript in transcripts)
        {
            var failure = uploaded.Failed.FirstOrDefault(f => f.Document == transcript.Unit.Document);
            if (failure is not null)
            {
                skipped.Add(new SkippedTranscript(transcript.Id, $"{failure.Document} is not searchable: {failure.Reason}"));
                continue;
            }

            var documents = new List<(IReadOnlyCollection<string>, DocumentDetailsView)>();
            foreach (var (id, names) in uploaded.NamesById.Where(d => d.Value.Contains(transcript.Unit.Document)))
            {
                if (!details.TryGetValue(id, out var view))
                {
                    details[id] = view = await api.GetDetailsAsync(id, cancellationToken);
                }

                documents.Add((names, view));
            }

            var text = UnitText.Of(transcript.Unit, documents);
            if (text.Skipped is not null)
            {
                skipped.Add(new SkippedTranscript(transcript.Id, text.Skipped));
                continue;
            }

            rows.Add(Score(transcript, text.Lines));
        }

        return Summarize(rows, skipped);
    }

    public static OcrReport Unavailable(string? reason) =>
        new(false, reason ?? "the server reports no OCR", null, [], [], []);

    public static TranscriptRow Score(EvalTranscript transcript, IReadOnlyList<string> readLines)
    {
        var result = LineMatchedCharacterErrorRate.Compute(transcript.Lines, readLines);
        return new TranscriptRow(
            transcript.Id,
            transcript.Unit.ToString(),
            transcript.Tags,
            result.ReferenceCharacters,
            readLines.Count(l => !string.IsNullOrWhiteSpace(l)),
            result.Edits,
            Math.Round(result.Rate, 4),
            result.Lines.Where(l => l.Edits > 0).ToList());
    }

    /// <summary>Character-weighted totals overall and per tag (a unit with several tags counts in
    /// each); units worst first.</summary>
    public static OcrReport Summarize(IReadOnlyList<TranscriptRow> rows, IReadOnlyList<SkippedTranscript> skipped)
    {
        var byTag = rows.SelectMany(r => r.Tags).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(tag => Row(tag, rows.Where(r => r.Tags.Contains(tag)).ToList()))
            .ToList();
        var worstFirst = rows.OrderByDescending(r => r.Cer).ThenByDescending(r => r.Edits).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        return new OcrReport(true, null, rows.Count == 0 ? null : Row(null, rows), byTag, worstFirst, skipped);
    }

    private static OcrRow Row(string? tag, IReadOnlyList<TranscriptRow> rows)
    {
        var characters = rows.Sum(r => r.ReferenceCharacters);
        var edits = rows.Sum(r => r.Edits);
        return new OcrRow(tag, rows.Count, characters, edits, characters == 0 ? 0 : Math.Round((double)edits / characters, 4));
    }
}
