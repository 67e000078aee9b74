namespace RagPlatform.Cli.Eval;

// The JSON `rag eval --json` writes, for CI and for comparing runs. Kept together: they only make
// sense as a set. Metric names are "recall@<c>" for each cutoff, "mrr" (over the top k) and
// "ndcg@<k>"; every value is a mean over the queries that ran, in [0, 1].

/// <param name="Cutoffs">The c of each recall@c: 1, 5 and k, those not above k.</param>
/// <param name="Ocr">Character error rate of OCR against transcripts.jsonl; null (absent from the
/// JSON) when the dataset has no transcripts.</param>
/// <param name="Answers">Citation and key-fact scores of the answering API against answers.jsonl;
/// null (absent) when the dataset has no answers or none were asked for.</param>
/// <param name="Pages">Page-level judgements next to the page-BM25 baseline; null (absent) when no
/// query is a text→text query judged by page.</param>
internal sealed record EvalReport(
    string Dataset,
    string Server,
    int K,
    IReadOnlyList<int> Cutoffs,
    PlatformCapabilities Platform,
    DocumentsSummary Documents,
    Timings Timings,
    IReadOnlyList<MetricRow> Overall,
    IReadOnlyList<MetricRow> ByKind,
    IReadOnlyList<MetricRow> ByTag,
    IReadOnlyList<QueryRow> Queries,
    OcrReport? Ocr = null,
    AnswersReport? Answers = null,
    PageReport? Pages = null);

internal sealed record DocumentsSummary(int Total, int Uploaded, int Reused, IReadOnlyList<FailedDocument> Failed);

/// <summary>Wall-clock seconds: upload and ingestion (until every document is ready or failed), then
/// all searches (sequential, one at a time), then all answers (absent when none were asked).</summary>
internal sealed record Timings(double IngestSeconds, double SearchSeconds, double? AnswerSeconds = null);

/// <summary>Means over a group of queries in one mode. <see cref="Kind"/> is set in ByKind and ByTag
/// rows, <see cref="Tag"/> in ByTag rows, neither in Overall rows.</summary>
/// <param name="Queries">Queries that ran; <paramref name="Skipped"/> did not (see <paramref name="SkipReason"/>).</param>
/// <param name="Metrics">Null when no query of the group ran.</param>
internal sealed record MetricRow(
    string? Kind,
    string? Tag,
    string Mode,
    int Queries,
    int Skipped,
    string? SkipReason,
    IReadOnlyDictionary<string, double>? Metrics);

/// <param name="FirstRelevantRank">Rank of the first relevant hit among the k returned, or null.</param>
internal sealed record QueryRow(
    string Id,
    string Kind,
    IReadOnlyList<string> Tags,
    string Mode,
    string? Skipped,
    int? FirstRelevantRank,
    IReadOnlyDictionary<string, double>? Metrics,
    IReadOnlyList<JudgedHit> Hits);
