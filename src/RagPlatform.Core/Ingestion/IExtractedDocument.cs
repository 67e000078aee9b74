namespace RagPlatform.Core.Ingestion;

/// <summary>An opened document, read one page at a time so that progress can be reported and memory
/// stays bounded on documents with thousands of pages.</summary>
public interface IExtractedDocument : IDisposable
{
    int PageCount { get; }

    /// <summary>The title the document gives itself (PDF Info /Title or XMP dc:title), or null.</summary>
    string? Title => null;

    /// <summary>Extracts page <paramref name="pageNumber"/> (1-based).</summary>
    /// <exception cref="DocumentRejectedException">The page cannot be read at all.</exception>
    Task<ExtractedPage> ExtractPageAsync(int pageNumber, CancellationToken cancellationToken);
}
