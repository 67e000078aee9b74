namespace RagPlatform.Cli.Eval;

#pragma warning disable CA1812 // Instantiated by the JSON serializer.

/// <summary>The JSON of one transcripts.jsonl line as written, before it is checked into an
/// <see cref="EvalTranscript"/>. Read with <see cref="QueryLineJson.Options"/>: unknown fields are errors.</summary>
internal sealed record TranscriptLine(
    string? Id,
    string? Document,
    int? Page,
    string? Modality,
    IReadOnlyList<string?>? Lines,
    IReadOnlyList<string>? Tags);
