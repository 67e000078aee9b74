namespace RagPlatform.Cli.Eval;

/// <summary>One query run in one mode: its judgement, or why it was not run.</summary>
/// <param name="Skipped">Why the query was not run in this mode (lexical search of an image, dense
/// search off); null when it ran.</param>
/// <param name="Judgement">Null exactly when skipped.</param>
internal sealed record QueryOutcome(EvalQuery Query, string Mode, string? Skipped, RankedJudgement? Judgement, IReadOnlyList<JudgedHit> Hits);
