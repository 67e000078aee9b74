namespace RagPlatform.Core.Answering;

/// <summary>What is left of one answer's context budgets. An agentic answer's later searches draw on
/// the same budget as its first, so tool calls cannot grow the context without bound.</summary>
public sealed class ContextBudget(AnsweringOptions options)
{
    public int Sources { get; set; } = options.MaxSources;

    public int PassageTokens { get; set; } = options.MaxPassageTokens;

    public int Images { get; set; } = options.MaxImages;

    public long ImagePixels { get; set; } = options.MaxImagePixels;

    /// <summary>The next [n] to hand out.</summary>
    public int NextNumber { get; set; } = 1;
}
