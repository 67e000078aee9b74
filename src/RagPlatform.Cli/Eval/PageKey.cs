namespace RagPlatform.Cli.Eval;

/// <summary>A page of a dataset document: the unit page-level judgements are made on.</summary>
/// <param name="Document">Dataset file name, relative to documents/, '/'-separated.</param>
/// <param name="Page">1-based.</param>
internal sealed record PageKey(string Document, int Page)
{
    public bool IsIn(IReadOnlyList<RelevantUnit> relevant) =>
        relevant.Any(unit => unit.Matches([Document], Page, "text"));

    public override string ToString() => $"{Document} p.{Page}";
}
