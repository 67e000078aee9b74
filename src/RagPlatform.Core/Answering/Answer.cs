namespace RagPlatform.Core.Answering;

/// <summary>A checked answer: its text, everything the model was given, and what the check found.</summary>
/// <param name="Query">The standalone search query the question became.</param>
/// <param name="Model">The model's id; null for extractive answers.</param>
/// <param name="Text">The answer with citations that named no source removed.</param>
/// <param name="NotFound">The answer says the documents do not hold it.</param>
/// <param name="Notice">Why the answer is poorer than usual (no language model), or null.</param>
/// <param name="Citations">Numbers of the sources cited, distinct, in order of first citation.</param>
/// <param name="RemovedCitations">[n] markers that named no source sent, removed from the text.</param>
/// <param name="Unsupported">Sentences that state something without a citation.</param>
public sealed record Answer(
    string Question,
    string Query,
    AnswerMode Mode,
    string? Model,
    string Text,
    bool NotFound,
    string? Notice,
    IReadOnlyList<AnswerSource> Sources,
    IReadOnlyList<SentImage> Images,
    IReadOnlyList<int> Citations,
    IReadOnlyList<int> RemovedCitations,
    IReadOnlyList<Claim> Claims,
    IReadOnlyList<string> Unsupported,
    IReadOnlyList<ToolCall> ToolCalls,
    AnswerUsage? Usage);
