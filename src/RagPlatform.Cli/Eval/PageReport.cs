namespace RagPlatform.Cli.Eval;

// The "pages" section of the JSON report: page-level judgements of the platform next to the page-BM25
// baseline on the same queries. Kept together: they only make sense as a set.

/// <param name="Available">False when the baseline could not be built (<paramref name="Reason"/> says why).</param>
/// <param name="Baseline">What the baseline is (<see cref="PageBaseline.Description"/>).</param>
/// <param name="Depth">Distinct pages looked at per query: the cutoff of MRR.</param>
/// <param name="BaselinePages">Pages in the baseline's index (the dataset's PDFs).</param>
/// <param name="Rows">Overall (tag null) and per tag, per mode.</param>
internal sealed record PageReport(
    bool Available,
    string? Reason,
    string Baseline,
    int Depth,
    int BaselinePages,
    IReadOnlyList<PageRow> Rows,
    IReadOnlyList<PageQueryRow> Queries);

/// <param name="Tag">Null on the overall row of a mode.</param>
/// <param name="Queries">Page-judged text queries that ran in this mode.</param>
internal sealed record PageRow(string? Tag, string Mode, int Queries, PageMetrics Platform, PageMetrics Baseline);

/// <summary>Means over queries, each in [0, 1].</summary>
/// <param name="FirstHit">Share of queries whose first distinct page answers them.</param>
/// <param name="Top5">Share with an answering page among the first five distinct pages.</param>
/// <param name="Mrr">Mean of 1 / rank of the first answering page (0 beyond the depth).</param>
internal sealed record PageMetrics(double FirstHit, double Top5, double Mrr);

/// <param name="PlatformRank">1-based rank of the first answering page among the platform's distinct pages; null when none within the depth.</param>
/// <param name="PlatformPages">The platform's first five distinct pages ("a.pdf p.3").</param>
internal sealed record PageQueryRow(
    string Id,
    string Text,
    IReadOnlyList<string> Tags,
    string Mode,
    int? PlatformRank,
    int? BaselineRank,
    IReadOnlyList<string> PlatformPages,
    IReadOnlyList<string> BaselinePages);
