using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Search;

/// <summary>The dual encoder that puts text and images into one vector space. It may be absent
/// (no model files): then <see cref="IsAvailable"/> is false, <see cref="UnavailableReason"/> says
/// what to do, and the platform runs lexical-only. Vectors never come from anything else.</summary>
public interface IDenseEncoders
{
    bool IsAvailable { get; }

    string? UnavailableReason { get; }

    /// <summary>Length of every embedding.</summary>
    int Dimensions { get; }

    /// <exception cref="InvalidOperationException">The encoders are not available.</exception>
    IEmbeddingGenerator<string, Embedding<float>> Text { get; }

    /// <summary>Embeds encoded images (PNG, JPEG, ...) given as <see cref="DataContent"/>.</summary>
    /// <exception cref="InvalidOperationException">The encoders are not available.</exception>
    IEmbeddingGenerator<DataContent, Embedding<float>> Images { get; }
}
