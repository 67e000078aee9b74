using Microsoft.ML.Tokenizers;
using RagPlatform.Infrastructure.Onnx;

namespace RagPlatform.Infrastructure.TextEmbeddings;

/// <summary>Turns one text into a BERT sentence encoder's input the way Hugging Face's tokenizers
/// do: <c>[CLS] text [SEP]</c>, WordPiece over BERT's basic tokenisation (Microsoft.ML.Tokenizers'
/// <see cref="BertTokenizer"/>), cut at the end to the longest input. Thread-safe.</summary>
internal sealed class SentenceTokenizer
{
    private const int SpecialTokens = 2;
    private readonly BertTokenizer _tokenizer;

    private SentenceTokenizer(BertTokenizer tokenizer)
    {
        _tokenizer = tokenizer;
    }

    public int PaddingId => _tokenizer.PaddingTokenId;

    /// <exception cref="InvalidDataException">The vocabulary cannot be read or lacks BERT's special tokens.</exception>
    public static SentenceTokenizer Load(string vocabularyPath, bool lowerCase)
    {
        return new SentenceTokenizer(WordPieceVocabulary.Load(vocabularyPath, lowerCase));
    }

    /// <summary>Tokens of the text without special tokens.</summary>
    public int CountTokens(string text) => _tokenizer.EncodeToIds(text, addSpecialTokens: false).Count;

    /// <param name="maxLength">Longest result, special tokens included.</param>
    public int[] Encode(string text, int maxLength)
    {
        var ids = _tokenizer.EncodeToIds(text, addSpecialTokens: false);
        var kept = ids.Count <= maxLength - SpecialTokens ? ids : ids.Take(maxLength - SpecialTokens).ToList();
        return [.. _tokenizer.BuildInputsWithSpecialTokens(kept)];
    }
}
