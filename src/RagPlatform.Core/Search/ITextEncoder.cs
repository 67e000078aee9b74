using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Search;

/// <summary>The sentence-embedding model of the text space: a retrieval model trained on
/// question → passage pairs, a second dense space beside CLIP's for text items and text queries.
/// Optional: while it is not installed <see cref="IsAvailable"/> is false and
/// <see cref="UnavailableReason"/> says what to do; nothing else ever fills the text space.</summary>
public interface ITextEncoder
{
    bool IsAvailable { get; }

    string? UnavailableReason { get; }

    /// <summary>The model's name (e.g. its folder), for status reports; null when unavailable.</summary>
    string? ModelId { get; }

    /// <summary>Length of every embedding; 0 when unavailable.</summary>
    int Dimensions { get; }

    /// <summary>Most tokens of one passage (special tokens excluded): passages are grouped up to it.</summary>
    int PassageTokens { get; }

    /// <summary>Tokens the model sees in a text, without special tokens.</summary>
    /// <exception cref="InvalidOperationException">The model is not available.</exception>
    int CountTokens(string text);

    /// <summary>Embeds passages as stored (L2-normalised).</summary>
    /// <exception cref="InvalidOperationException">The model is not available.</exception>
    IEmbeddingGenerator<string, Embedding<float>> Passages { get; }

    /// <summary>Embeds search queries, with the instruction the model was trained to see before a
    /// query (L2-normalised).</summary>
    /// <exception cref="InvalidOperationException">The model is not available.</exception>
    IEmbeddingGenerator<string, Embedding<float>> Queries { get; }
}
