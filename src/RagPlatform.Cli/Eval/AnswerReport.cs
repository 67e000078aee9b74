namespace RagPlatform.Cli.Eval;

// The "answers" section of the report: how the answering API (POST /api/chat) cites and what it
// says on the questions of answers.jsonl. Absent when the dataset has none. Metric names:
// "citationPrecision", "citationRecall", "keyFactMatch" (means over answerable questions),
// "falseNotFoundRate" (over answerable ones) and "notFoundRate" (over unanswerable ones); a metric
// whose denominator is zero is left out. Kept together: they only make sense as a set.

/// <param name="Available">False when the server has no answering API; then <paramref name="Reason"/>
/// says why and nothing is measured.</param>
/// <param name="AnsweredAs">The answer modes the server actually used ("extractive" without a
/// language model), comma separated; also the report's platform.chat.</param>
/// <param name="Models">The language models that answered, comma separated; null when none did.</param>
internal sealed record AnswersReport(
    bool Available,
    string? Reason,
    string? AnsweredAs,
    string? Models,
    IReadOnlyList<AnswerMetricRow> Overall,
    IReadOnlyList<AnswerMetricRow> ByTag,
    IReadOnlyList<AnswerQuestionRow> Questions);

/// <param name="Tag">Null in the overall rows.</param>
/// <param name="Mode">The mode asked for: grounded or agentic.</param>
/// <param name="Questions">Questions answered (failed ones are not counted here but in <paramref name="Failed"/>).</param>
/// <param name="Cited">Answerable questions whose answer cites at least one source: the questions
/// citation precision is averaged over.</param>
internal sealed record AnswerMetricRow(
    string? Tag,
    string Mode,
    string? AnsweredAs,
    int Questions,
    int Answerable,
    int Unanswerable,
    int Cited,
    int Failed,
    IReadOnlyDictionary<string, double>? Metrics);

/// <param name="AnsweredAs">The mode the server answered in; null when the question failed.</param>
/// <param name="Model">The language model that answered; null without one.</param>
/// <param name="Failed">Why no answer was scored (the server failed, the relevant document did not
/// ingest); null when it was.</param>
/// <param name="Metrics">This question's own values (citationPrecision only when it cites anything);
/// null for an unanswerable or failed question.</param>
internal sealed record AnswerQuestionRow(
    string Id,
    IReadOnlyList<string> Tags,
    string Mode,
    bool Answerable,
    string? AnsweredAs,
    string? Model,
    string? Failed,
    bool NotFound,
    IReadOnlyList<CitedSource> Citations,
    IReadOnlyList<string> FactsFound,
    IReadOnlyList<string> FactsMissed,
    IReadOnlyDictionary<string, double>? Metrics);

/// <param name="Document">The dataset file the cited document was uploaded from.</param>
/// <param name="Relevant">Whether (document, page) is one of the question's relevant units.</param>
internal sealed record CitedSource(int Number, string Document, int Page, bool Relevant);
