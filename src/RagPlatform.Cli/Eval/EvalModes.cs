namespace RagPlatform.Cli.Eval;

/// <summary>The API's search modes, in the order reports list them.</summary>
internal static class EvalModes
{
    public const string Lexical = "lexical";
    public const string Dense = "dense";
    public const string Hybrid = "hybrid";

    public static IReadOnlyList<string> All { get; } = [Lexical, Dense, Hybrid];

    /// <summary>The modes named by --mode: one of them, or "all".</summary>
    public static IReadOnlyList<string> Parse(string option) => option == "all" ? All : [option];

    /// <summary>The answering modes named by --answer-mode: grounded, agentic, "all" (both) or "none".</summary>
    public static IReadOnlyList<string> ParseAnswerModes(string option) => option switch
    {
        "all" => Commands.AnswerModes.Requestable,
        "none" => [],
        _ => [option],
    };
}
