namespace RagPlatform.Cli.Commands;

/// <summary>The answering modes a client may ask POST /api/chat for. The server may answer in a
/// third, "extractive" (passages quoted verbatim), when no language model is configured.</summary>
internal static class AnswerModes
{
    public const string Grounded = "grounded";
    public const string Agentic = "agentic";
    public const string Extractive = "extractive";

    public static IReadOnlyList<string> Requestable { get; } = [Grounded, Agentic];
}
