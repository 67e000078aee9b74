using RagPlatform.Core.Search;

namespace RagPlatform.Cli.Eval;

// The "ocr" section of the report: character error rate of the text the platform read in each unit
// of transcripts.jsonl, by LineMatchedCharacterErrorRate (lines paired in any order). Absent when the
// dataset has no transcripts. Kept together: they only make sense as a set.

/// <param name="Available">False when the server reports no OCR: then nothing is measured (a 100%
/// error rate would describe the server's set-up, not its recognition) and <paramref name="Reason"/>
/// says why.</param>
/// <param name="Overall">Over every scored unit, weighted by characters: total edits / total
/// reference characters. Null when no unit was scored.</param>
/// <param name="Transcripts">Every scored unit, worst first.</param>
internal sealed record OcrReport(
    bool Available,
    string? Reason,
    OcrRow? Overall,
    IReadOnlyList<OcrRow> ByTag,
    IReadOnlyList<TranscriptRow> Transcripts,
    IReadOnlyList<SkippedTranscript> Skipped);

/// <param name="Tag">Null in the overall row.</param>
/// <param name="Cer">Edits / reference characters (can exceed 1).</param>
internal sealed record OcrRow(string? Tag, int Units, int ReferenceCharacters, int Edits, double Cer);

/// <param name="Unit">Where the pixels are, as "doc.pdf p.2 (image)".</param>
/// <param name="ReadLines">Lines the platform read in the unit.</param>
/// <param name="Errors">The reference lines not read exactly (with the line paired to them, or null)
/// and the read lines paired with nothing (null reference).</param>
internal sealed record TranscriptRow(
    string Id,
    string Unit,
    IReadOnlyList<string> Tags,
    int ReferenceCharacters,
    int ReadLines,
    int Edits,
    double Cer,
    IReadOnlyList<MatchedLine> Errors);

internal sealed record SkippedTranscript(string Id, string Reason);
