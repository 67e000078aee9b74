using Microsoft.ML.Tokenizers;
using RagPlatform.Core.Answering;

namespace RagPlatform.Infrastructure.Answering;

/// <summary>Counts prompt tokens with GPT-4o's tokenizer (o200k_base, Microsoft.ML.Tokenizers with the
/// data package, no download). Other chat models' tokenizers differ by some 10-20%, which the
/// passage budget's default leaves room for.</summary>
internal sealed class TiktokenPromptTokenCounter : IPromptTokenCounter
{
    private readonly Tokenizer tokenizer = TiktokenTokenizer.CreateForModel("gpt-4o");

    public int CountTokens(string text) => tokenizer.CountTokens(text);

    public string Truncate(string text, int maxTokens)
    {
        if (maxTokens <= 0)
        {
            return string.Empty;
        }

        var index = tokenizer.GetIndexByTokenCount(text, maxTokens, out _, out _);
        return text[..index];
    }
}
