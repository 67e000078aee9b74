namespace RagPlatform.Cli.Eval;

// The JSON of one answers.jsonl line as written (by a person or by `rag eval --generate`), before it
// is checked into an EvalQuestion. Read with QueryLineJson.Options: unknown fields are errors. Kept
// together: they only make sense as a set.
#pragma warning disable CA1812 // Instantiated by the JSON serializer.

internal sealed record AnswerLine(
    string? Id,
    string? Question,
    IReadOnlyList<AnswerSourceLine>? Relevant,
    IReadOnlyList<string?>? Facts,
    bool? Answerable,
    IReadOnlyList<string>? Tags);

/// <param name="Page">1-based; absent for any page of the document.</param>
internal sealed record AnswerSourceLine(string? Document, int? Page);
