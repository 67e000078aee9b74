namespace RagPlatform.Cli.Eval;

/// <summary>One line of answers.jsonl, checked: a question for POST /api/chat and what a good answer
/// cites and says.</summary>
/// <param name="Relevant">The (document, page) units a good answer cites (no modality: a citation
/// names a page). Empty exactly when the question is not answerable.</param>
/// <param name="Facts">Strings a good answer contains (case and white space aside). Empty exactly
/// when the question is not answerable.</param>
/// <param name="Answerable">False for a question no document answers: a good answer says so.</param>
internal sealed record EvalQuestion(
    string Id,
    string Question,
    IReadOnlyList<RelevantUnit> Relevant,
    IReadOnlyList<string> Facts,
    bool Answerable,
    IReadOnlyList<string> Tags);
