using RagPlatform.Core.Documents;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>What the platform asks its extractor process: open a file, read its pages, close it;
/// then the next file, in the same process while it stays healthy.</summary>
internal abstract record ExtractorRequest
{
    /// <param name="Settings">The platform's extraction settings: the process reads no configuration.</param>
    /// <param name="ScreenMaxPixels">The platform's image decoder limit: images are decoded once in
    /// the process exactly as the platform will decode them (for OCR and embeddings), so an image
    /// that crashes the decoder crashes the process, not the platform.</param>
    public sealed record Open(string Path, DocumentKind Kind, ExtractionOptions Settings, long ScreenMaxPixels) : ExtractorRequest;

    /// <param name="Number">1-based.</param>
    public sealed record Page(int Number) : ExtractorRequest;

    /// <summary>The document is done with: release it and say whether the process can take another.</summary>
    public sealed record Close : ExtractorRequest;
}
