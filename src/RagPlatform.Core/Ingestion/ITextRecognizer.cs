using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>Reads text inside images (OCR): screenshots, charts, scanned pages, figures. It may be
/// absent (no model files): then <see cref="IsAvailable"/> is false and
/// <see cref="UnavailableReason"/> says how to install it; the platform then indexes images without
/// their text, and says so.</summary>
public interface ITextRecognizer
{
    bool IsAvailable { get; }

    string? UnavailableReason { get; }

    /// <summary>Lines in reading order (top to bottom, left to right).</summary>
    /// <exception cref="DocumentRejectedException">The image cannot be decoded.</exception>
    /// <exception cref="InvalidOperationException">The recogniser is not available.</exception>
    Task<IReadOnlyList<RecognizedLine>> RecognizeAsync(EncodedImage image, CancellationToken cancellationToken);
}
