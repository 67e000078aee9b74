using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>Opens a stored original for page-by-page extraction.</summary>
public interface IDocumentExtractor
{
    /// <exception cref="DocumentRejectedException">The file is corrupt, encrypted or otherwise
    /// unreadable; the message says why in words a user understands.</exception>
    Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken);
}
