namespace RagPlatform.Cli.Eval;

/// <summary>One line of queries.jsonl, checked.</summary>
/// <param name="Kind">One of <see cref="QueryKinds.All"/>.</param>
/// <param name="Text">The text sent by a text query; null for an image query.</param>
/// <param name="ImagePath">Full path of the image sent by an image query; null for a text query.</param>
internal sealed record EvalQuery(
    string Id,
    string Kind,
    string? Text,
    string? ImagePath,
    IReadOnlyList<RelevantUnit> Relevant,
    IReadOnlyList<string> Tags);
