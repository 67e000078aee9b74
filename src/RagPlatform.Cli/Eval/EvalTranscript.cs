namespace RagPlatform.Cli.Eval;

/// <summary>One line of transcripts.jsonl, checked: the text drawn in a unit of pixels (an uploaded
/// image, the figures of a page, a scanned page), one entry per line as drawn, in any order.</summary>
/// <param name="Unit">Which items hold the pixels: the same matching rules as a query's relevant unit.</param>
internal sealed record EvalTranscript(string Id, RelevantUnit Unit, IReadOnlyList<string> Lines, IReadOnlyList<string> Tags);
