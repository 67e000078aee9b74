namespace RagPlatform.Core.Answering;

/// <summary>Counts the tokens a chat model reads, to keep passages within the context budget.</summary>
public interface IPromptTokenCounter
{
    int CountTokens(string text);

    /// <summary>The longest prefix of <paramref name="text"/> that fits in <paramref name="maxTokens"/>.</summary>
    string Truncate(string text, int maxTokens);
}
