using Microsoft.ML.Tokenizers;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.Reranking;

/// <summary>Turns a (query, passage) pair into a BERT cross-encoder's input the way Hugging Face's
/// tokenizers do: <c>[CLS] query [SEP] passage [SEP]</c>, token types 0 for the first segment and 1
/// for the second, WordPiece over BERT's basic tokenisation (Microsoft.ML.Tokenizers'
/// <see cref="BertTokenizer"/>), pairs too long cut longest-first. Thread-safe.</summary>
internal sealed class CrossEncoderTokenizer
{
    private const int SpecialTokensPerPair = 3;
    private readonly BertTokenizer _tokenizer;

    private CrossEncoderTokenizer(BertTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
    }

    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <exception cref="InvalidDataException">The vocabulary cannot be read or lacks BERT's special tokens.</exception>
    public static CrossEncoderTokenizer Load(string vocabularyPath, bool lowerCase)
    {
        return new CrossEncoderTokenizer(WordPieceVocabulary.Load(vocabularyPath, lowerCase));
    }

    /// <summary>The ids of one text without special tokens.</summary>
    public IReadOnlyList<int> Encode(string text) => _tokenizer.EncodeToIds(text, addSpecialTokens: false);

    /// <param name="maxLength">Longest result, special tokens included.</param>
    public EncodedPair EncodePair(string query, string passage, int maxLength)
    {
        var (first, second) = TruncateLongestFirst(Encode(query), Encode(passage), maxLength - SpecialTokensPerPair);
        var ids = _tokenizer.BuildInputsWithSpecialTokens(first, second);
        var types = _tokenizer.CreateTokenTypeIdsFromSequences(first, second);
        return new EncodedPair([.. ids], [.. types]);
    }

    /// <summary>Hugging Face tokenizers' LongestFirst for a pair: when both fit, nothing changes;
    /// when the shorter fits, the longer is cut to what is left (but never below the shorter's
    /// length); otherwise both are cut to half the budget each.</summary>
    internal static (IReadOnlyList<int> First, IReadOnlyList<int> Second) TruncateLongestFirst(IReadOnlyList<int> first, IReadOnlyList<int> second, int budget)
    {
        if (first.Count + second.Count <= budget)
        {
            return (first, second);
        }

        var shorter = Math.Min(first.Count, second.Count);
        var longer = shorter > budget ? shorter : Math.Max(shorter, budget - shorter);
        if (shorter + longer > budget)
        {
            shorter = budget / 2;
            longer = shorter + (budget % 2);
        }

        var (firstLength, secondLength) = first.Count <= second.Count ? (shorter, longer) : (longer, shorter);
        return (first.Take(firstLength).ToList(), second.Take(secondLength).ToList());
    }
}
